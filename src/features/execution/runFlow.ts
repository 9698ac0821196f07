// The quick input flow of "Run Shell Command…": what is typed is the command (recent ones offered while the input is
// empty, each with a run button); the run options (sudo, sudo user, environment, working directory, timeout) are a
// separate step behind the title bar's gear button, so no list item can be mistaken for a command.
import * as vscode from 'vscode';
import { escapeIcons } from '../../core/execution/iconLabels';
import { formatKeyValues, parseKeyValues } from '../../core/execution/keyValues';
import { describeSettings, type RunSettings } from '../../core/execution/runReport';

export type { RunSettings };

const OPTIONS_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('settings-gear'), tooltip: 'Run Options…' };
const RUN_RECENT_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('play'), tooltip: 'Run this command' };

interface RecentPick extends vscode.QuickPickItem {
  command: string;
}

type PickerAnswer = { command: string } | { options: true; typed: string } | undefined;

function commandPicker(title: string, history: readonly string[], settings: RunSettings, typed: string): Promise<PickerAnswer> {
  const picker = vscode.window.createQuickPick<RecentPick>();
  picker.title = `${title} (options: ${describeSettings(settings)})`;
  picker.placeholder = 'Command to run';
  picker.ignoreFocusOut = true;
  picker.buttons = [OPTIONS_BUTTON];
  picker.value = typed;
  picker.items = history.map((command) => ({ label: escapeIcons(command), description: 'recent', command, buttons: [RUN_RECENT_BUTTON] }));
  return new Promise((resolve) => {
    const answer = (value: PickerAnswer) => {
      resolve(value);
      picker.hide();
    };
    picker.onDidAccept(() => {
      // the typed text is the command; a recent one is taken only when nothing is typed
      const value = picker.value.trim();
      const recent = picker.activeItems[0]?.command;
      if (value) answer({ command: value });
      else if (recent) answer({ command: recent });
    });
    picker.onDidTriggerButton(() => answer({ options: true, typed: picker.value }));
    picker.onDidTriggerItemButton((event) => answer({ command: event.item.command }));
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}

async function editSettings(settings: RunSettings): Promise<RunSettings> {
  let current = { ...settings };
  for (;;) {
    const items = [
      { id: 'sudo', label: `$(shield) Sudo: ${current.sudo ? 'on' : 'off'}`, description: 'pyinfra _sudo' },
      { id: 'sudoUser', label: `$(person) Sudo user: ${current.sudoUser ?? '—'}`, description: 'pyinfra _sudo_user' },
      { id: 'env', label: `$(symbol-variable) Environment: ${escapeIcons(formatKeyValues(current.env ?? {})) || '—'}`, description: 'pyinfra _env' },
      { id: 'chdir', label: `$(folder) Working directory: ${current.chdir ?? '—'}`, description: 'pyinfra _chdir' },
      { id: 'timeout', label: `$(watch) Timeout: ${current.timeoutSec ? `${current.timeoutSec} s` : '—'}`, description: 'pyinfra _timeout' },
      { id: 'done', label: '$(check) Done' },
    ];
    const choice = await vscode.window.showQuickPick(items, { title: 'Run Options', placeHolder: 'Change an option, then Done' });
    if (!choice || choice.id === 'done') return current;
    if (choice.id === 'sudo') current = { ...current, sudo: !current.sudo };
    if (choice.id === 'sudoUser') {
      const user = await vscode.window.showInputBox({ prompt: 'Run as this user with sudo (empty for root)', value: current.sudoUser ?? '' });
      if (user !== undefined) current = { ...current, sudoUser: user.trim() || undefined, sudo: current.sudo || Boolean(user.trim()) };
    }
    if (choice.id === 'env') {
      const text = await vscode.window.showInputBox({
        prompt: 'Environment variables: KEY=VALUE separated by spaces, quoted as in a shell (GREETING="hi there")',
        value: formatKeyValues(current.env ?? {}),
        validateInput: (value) => { const parsed = parseKeyValues(value); return 'error' in parsed ? parsed.error : undefined; },
      });
      if (text !== undefined) {
        const parsed = parseKeyValues(text);
        if ('values' in parsed) current = { ...current, env: parsed.values };
      }
    }
    if (choice.id === 'chdir') {
      const dir = await vscode.window.showInputBox({ prompt: 'Directory to run the command in (empty for the default)', value: current.chdir ?? '' });
      if (dir !== undefined) current = { ...current, chdir: dir.trim() || undefined };
    }
    if (choice.id === 'timeout') {
      const seconds = await vscode.window.showInputBox({
        prompt: 'Seconds before the command is stopped (empty for none)', value: current.timeoutSec ? String(current.timeoutSec) : '',
        validateInput: (value) => (value.trim() === '' || Number(value) > 0 ? undefined : 'A positive number of seconds'),
      });
      if (seconds !== undefined) current = { ...current, timeoutSec: seconds.trim() ? Number(seconds) : undefined };
    }
  }
}

/** Asks for the command; the settings may change on the way and are returned with it. */
export async function askCommand(title: string, history: readonly string[], settings: RunSettings): Promise<{ command: string; settings: RunSettings } | undefined> {
  let current = settings;
  let typed = '';
  for (;;) {
    const answer = await commandPicker(title, history, current, typed);
    if (!answer) return undefined;
    if ('command' in answer) return { command: answer.command, settings: current };
    typed = answer.typed;
    current = await editSettings(current);
  }
}
