// The person's say over unknown host keys, one policy for every path: a key known_hosts does not
// list is refused, naming its type and fingerprint; the person is asked once per key; only a key
// accepted by its fingerprint is used, for that connection ("once") or added to known_hosts
// ("remember"). A changed key is refused before this is reached. The asking itself (a modal in
// VS Code) is passed in.
import type { HostKeyAcceptance, HostRunResult, HostSelector, UnknownHostKey } from '../bridge/protocol';

export type HostKeyAnswer = 'once' | 'remember' | undefined;
/** What the person is shown about a refused key. */
export type HostKeyQuestion = Pick<UnknownHostKey, 'host' | 'keyType' | 'fingerprint'>;
/** A key the person accepted, by fingerprint. */
export interface AcceptedHostKey {
  fingerprint: string;
  remember: boolean;
}

/**
 * The native path (ssh2, the SSH terminal): a connection refused for an unknown key is asked about,
 * and made again accepting exactly that key. Any other failure, or a cancel, is the first refusal.
 */
export async function connectWithHostKeyConsent<T>(connect: (accept?: AcceptedHostKey) => Promise<T>, ask: (key: HostKeyQuestion) => Promise<HostKeyAnswer>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    const key = (error as { hostKey?: HostKeyQuestion }).hostKey;
    const answer = key && (await ask(key));
    if (!key || !answer) throw error;
    return connect({ fingerprint: key.fingerprint, remember: answer === 'remember' });
  }
}

/** pyinfra's @ssh through the bridge: runs again only the hosts whose key was accepted, keeping every other host's first result. */
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
