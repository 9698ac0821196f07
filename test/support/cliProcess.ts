// The built pyinfra-kit CLI (dist/cli.js) as a process of its own, for tests of how it streams, ends,
// is interrupted or killed.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { CONNECTOR_FIXTURES, ROOT, VENV_PYTHON } from './paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CLI in the connector fixtures, with a TMPDIR of its own: whatever the bridge or pyinfra puts there is seen. */
export function startCli(args: string[], tmp: string, nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, CLI, ...args], { cwd: CONNECTOR_FIXTURES, env: { ...process.env, PYINFRA_KIT_PYTHON: VENV_PYTHON, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started })));
}

/** `check()` once it returns nothing, or what it still returns after `ms` (generous: it returns as soon as settled,
 * and a bridge whose client was killed gives its workers 3 s before it stops them and cleans up). */
export async function settled(check: () => string[], ms = 30_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  while (check().length > 0 && Date.now() < deadline) await sleep(100);
  return check();
}

/** `pyinfra-kit inventory ARGS` in text mode, its output counted as it streams (a million lines are never one string). */
export async function countedInventory(args: string[], tmp: string, nodeFlags: string[] = []): Promise<{ code: number | null; stderr: string; lines: number; first: string; last: string }> {
  const cli = startCli(['inventory', ...args], tmp, nodeFlags);
  const ended = exited(cli);
  let lines = 0;
  let first = '';
  let tail = '';
  let stderr = '';
  cli.stdout!.on('data', (chunk: Buffer) => {
    if (!first) first = chunk.toString().split('\n')[0];
    for (const byte of chunk) if (byte === 10) lines++;
    tail = (tail + chunk.toString()).slice(-500);
  });
  cli.stderr!.on('data', (chunk) => (stderr += chunk));
  const { code } = await ended;
  return { code, stderr, lines, first, last: tail.trimEnd().split('\n').at(-1) ?? '' };
}
