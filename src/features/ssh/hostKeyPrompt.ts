// The question VS Code's Remote-SSH asks about a host key known_hosts does not list: a modal with
// the key's type and SHA256 fingerprint; cancelling refuses the key.
import * as vscode from 'vscode';
import type { HostKeyAnswer, HostKeyQuestion } from '../../core/connectors/hostKeyConsent';

export const ACCEPT_ONCE = 'Accept once';
export const ACCEPT_AND_REMEMBER = 'Accept and remember';

export async function askAboutHostKey(key: HostKeyQuestion): Promise<HostKeyAnswer> {
  const choice = await vscode.window.showWarningMessage(
    `"${key.host}" has a host key that known_hosts does not list.`,
    { modal: true, detail: `${key.keyType} key fingerprint is ${key.fingerprint}.\nAccept it only if it is the key you expect for this host.` },
    ACCEPT_ONCE,
    ACCEPT_AND_REMEMBER,
  );
  return choice === ACCEPT_ONCE ? 'once' : choice === ACCEPT_AND_REMEMBER ? 'remember' : undefined;
}
