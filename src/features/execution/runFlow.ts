// The quick input flow of "Run Shell Command…": type a command (recent ones offered first) and,
// when needed, set run options (sudo, sudo user, environment, working directory, timeout).
import * as vscode from 'vscode';
import type { RunOptions } from '../../core/bridge/protocol';
import { parseKeyValues } from '../../core/execution/keyValues';

export type RunSettings = Pick<RunOptions, 'sudo' | 'sudoUser' | 'env' | 'chdir' | 'timeoutSec'>;

interface CommandPick extends vscode.QuickPickItem {
  action: 'run' | 'options';
}

export function describeSettings(settings: RunSettings): string {
  const parts: string[] = [];
  if (settings.sudo) parts.push(settings.sudoUser ? `sudo -u ${settings.sudoUser}` : 'sudo');
  if (settings.env && Object.keys(settings.env).length > 0) parts.push(Object.entries(settings.env).map(([k, v]) => `${k}=${v}`).join(' '));
  if (settings.chdir) parts.push(`cd ${settings.chdir}`);
  if (settings.timeoutSec) parts.push(`timeout ${settings.timeoutSec}s`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function commandPicker(title: string, history: readonly string[], settings: RunSettings): Promise<CommandPick | undefined> {
  const picker = vscode.window.createQuickPick<CommandPick>();
  picker.title = title;
  picker.placeholder = 'Command to run';
  picker.ignoreFocusOut = true;
  const optionsItem: CommandPick = { label: '$(settings-gear) Run Options…', description: describeSettings(settings), action: 'options', alwaysShow: true };
  const build = (value: string) => {
    const typed: CommandPick[] = value.trim() ? [{ label: value, description: 'run this command', action: 'run', alwaysShow: true }] : [];
    const recent = history.filter((c) => c !== value).map((c): CommandPick => ({ label: c, description: 'recent', action: 'run' }));
    picker.items = [...typed, ...recent, { label: '', kind: vscode.QuickPickItemKind.Separator, action: 'run' }, optionsItem];
  };
  build('');
  picker.onDidChangeValue(build);
  return new Promise((resolve) => {
    picker.onDidAccept(() => {
      const active = picker.activeItems[0];
      resolve(active ?? (picker.value.trim() ? { label: picker.value, action: 'run' } : undefined));
      picker.hide();
    });
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
      { id: 'env', label: `$(symbol-variable) Environment: ${current.env && Object.keys(current.env).length ? describeSettings({ env: current.env }) : '—'}`, description: 'pyinfra _env' },
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
        prompt: 'Environment variables, KEY=VALUE separated by spaces',
        value: Object.entries(current.env ?? {}).map(([k, v]) => `${k}=${v}`).join(' '),
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
  for (;;) {
    const pick = await commandPicker(title, history, current);
    if (!pick) return undefined;
    if (pick.action === 'options') {
      current = await editSettings(current);
      continue;
    }
    return { command: pick.label, settings: current };
  }
}
