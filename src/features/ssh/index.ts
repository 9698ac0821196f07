// "Open SSH Terminal": an interactive shell, in a terminal, on a host pyinfra reaches over SSH,
// through the native ssh2 connector. Host keys are verified against known_hosts; an unknown one is
// asked about in the same modal as on every other path (hostKeyConsent.ts).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { InventoryFeature } from '../inventory';
import type { InventoryNode } from '../inventory/nodes';
import type { SshPseudoterminal } from './sshPseudoterminal';
import { loadChunk } from '../chunks';
import { connectWithHostKeyConsent } from '../../core/connectors/hostKeyConsent';
import { sshTerminalOptions } from '../../core/connectors/sshTerminalOptions';
import { askAboutHostKey } from './hostKeyPrompt';
import { chooseHost } from './sshTarget';

/** What the command resolves with (the integration tests read it); undefined when nothing was chosen. */
export type OpenSshResult = { terminal: vscode.Terminal; pty: SshPseudoterminal } | { error: string };

export function activateSshTerminal(ctx: Ctx, inventory: InventoryFeature): void {
  const open = async (node?: InventoryNode): Promise<OpenSshResult | undefined> => {
    if (!ctx.ensureTrusted('Opening an SSH terminal')) return undefined;
    const chosen = await chooseHost(inventory.model, node);
    if (!chosen) return undefined;
    try {
      const session = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to ${chosen.name}…` }, async () => {
        const options = sshTerminalOptions(await inventory.model.unmaskedHost(chosen.target, chosen.name), ctx.folder?.uri.fsPath ?? process.cwd());
        return connectWithHostKeyConsent((acceptHostKey) => loadChunk('sshSession').connectSsh({ ...options, acceptHostKey }), askAboutHostKey);
      });
      ctx.log.info(`SSH terminal on ${chosen.name} (${chosen.target})`);
      const pty = new (loadChunk('sshSession').SshPseudoterminal)(session, chosen.name);
      const terminal = vscode.window.createTerminal({ name: `SSH: ${chosen.name}`, pty, iconPath: new vscode.ThemeIcon('remote') });
      terminal.show();
      return { terminal, pty };
    } catch (error) {
      const message = ctx.describeError(error, `Cannot open an SSH terminal on ${chosen.name}`);
      void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => choice && vscode.commands.executeCommand('pyinfraConnectors.showLog'));
      return { error: message };
    }
  };
  ctx.extension.subscriptions.push(vscode.commands.registerCommand('pyinfraConnectors.openSshTerminal', open));
}
