// The person's say over unknown host keys (pyinfra's @ssh refused them, naming each key): ask once
// per key, run again only the hosts whose key was accepted, with exactly those fingerprints, and
// keep every other host's first result. The asking itself (a modal in VS Code) is passed in.
import type { HostKeyAcceptance, HostRunResult, HostSelector, UnknownHostKey } from '../bridge/protocol';

export type HostKeyAnswer = 'once' | 'remember' | undefined;

export async function withHostKeyConsent(
  first: HostRunResult[],
  ask: (key: UnknownHostKey) => Promise<HostKeyAnswer>,
  again: (selectors: HostSelector[], hostKeys: HostKeyAcceptance) => Promise<HostRunResult[]>,
): Promise<HostRunResult[]> {
  const answers = new Map<string, HostKeyAnswer>();
  const accepted: HostRunResult[] = [];
  for (const result of first) {
    const key = result.hostKey;
    if (!key) continue;
    const asked = `${key.host} ${key.fingerprint}`;
    if (!answers.has(asked)) answers.set(asked, await ask(key));
    if (answers.get(asked)) accepted.push(result);
  }
  if (accepted.length === 0) return first;
  const byTarget = new Map<string, string[]>();
  for (const { host, hostKey } of accepted) byTarget.set(hostKey!.target, [...(byTarget.get(hostKey!.target) ?? []), host]);
  const accept = accepted.map(({ hostKey }) => ({ fingerprint: hostKey!.fingerprint, remember: answers.get(`${hostKey!.host} ${hostKey!.fingerprint}`) === 'remember' }));
  const rerun = await again([...byTarget].map(([target, hosts]) => ({ target, hosts })), { accept });
  const replaced = new Map(rerun.map((result) => [result.host, result]));
  return first.map((result) => replaced.get(result.host) ?? result);
}
