// How a run reads in a terminal: a header with the active options, every line prefixed by its host,
// stderr in red, and a per-host summary at the end. Terminals need "\r\n", not "\n". The kit's own text
// (the header, host prefixes, the summary) is made printable, so a host name or an error holding a newline or
// an ANSI escape cannot forge a line; the command's output is the command's own and reaches the terminal as is.
import type { HostRunResult, OutputEvent, RunOptions } from '../bridge/protocol';
import { printable } from './printable';

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export type RunSettings = Pick<RunOptions, 'sudo' | 'sudoUser' | 'env' | 'chdir' | 'timeoutSec'>;

export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The options that change how a command runs, or "none". Environment values are left out: they may be secrets. */
export function describeSettings(settings: RunSettings): string {
  const parts: string[] = [];
  if (settings.sudo) parts.push(settings.sudoUser ? `sudo -u ${settings.sudoUser}` : 'sudo');
  const envNames = Object.keys(settings.env ?? {});
  if (envNames.length > 0) parts.push(`env ${envNames.join(' ')}`);
  if (settings.chdir) parts.push(`cd ${settings.chdir}`);
  if (settings.timeoutSec) parts.push(`timeout ${settings.timeoutSec} s`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The first lines of a run: what runs where, and every option in effect. */
export function formatHeader(command: string, hostsLabel: string, settings: RunSettings): string {
  return terminalText(`${BOLD}$ ${printable(command)}${RESET}  ${DIM}on ${printable(hostsLabel)}${RESET}\n${DIM}options: ${printable(describeSettings(settings))}${RESET}\n`);
}

export function formatOutputLine(event: OutputEvent): string {
  const prefix = `${DIM}[${printable(event.host)}]${RESET} `;
  const line = event.stream === 'stderr' ? `${RED}${event.line}${RESET}` : event.line;
  return `${prefix}${line}\r\n`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** "failed: exit 3" when the connector reported the status, else "failed". */
export function hostOutcome(result: HostRunResult): string {
  const status = result.success ? 'succeeded' : 'failed';
  return result.exitCode !== undefined && (result.exitCode !== 0 || !result.success) ? `${status}: exit ${result.exitCode}` : status;
}

/** One line per host (outcome, exit code, duration, the error when it never ran), the cancelled hosts, and a total line. */
export function formatSummary(results: readonly HostRunResult[], totalMs: number, cancelled: readonly string[] = []): string {
  const width = Math.max(4, ...results.map((r) => printable(r.host).length), ...cancelled.map((h) => printable(h).length));
  const lines = results.map((r) => {
    const status = r.success ? `${GREEN}✔ ${hostOutcome(r)}${RESET}` : `${RED}✘ ${hostOutcome(r)}${RESET}`;
    const why = r.error ? `  ${printable(r.error)}` : '';
    return `  ${printable(r.host).padEnd(width)}  ${status}  ${DIM}${formatDuration(r.durationMs)}${RESET}${why}`;
  });
  for (const host of cancelled) lines.push(`  ${printable(host).padEnd(width)}  ${YELLOW}■ cancelled${RESET}`);
  const succeeded = results.filter((r) => r.success).length;
  const counts = [`${succeeded} succeeded`, `${results.length - succeeded} failed`, ...(cancelled.length > 0 ? [`${cancelled.length} cancelled`] : [])];
  const total = `${BOLD}${counts.join(', ')}${RESET} in ${formatDuration(totalMs)}`;
  return terminalText(['', `${BOLD}Summary${cancelled.length > 0 ? ' (cancelled)' : ''}${RESET}`, ...lines, total, ''].join('\n'));
}

/** One plain line per host for the log: "web-1 failed, exit 3 (12 ms)". */
export function logSummary(results: readonly HostRunResult[], cancelled: readonly string[] = []): string[] {
  return [
    ...results.map((r) => `${r.host} ${hostOutcome(r)} (${formatDuration(r.durationMs)})${r.error ? `: ${r.error}` : ''}`),
    ...cancelled.map((host) => `${host} cancelled`),
  ];
}

/** What a task ends with: 0 when every host succeeded; else the failing hosts' exit code when they agree, else 1. */
export function runExitCode(results: readonly HostRunResult[], cancelled: readonly string[] = []): number {
  if (cancelled.length > 0) return 130;
  const failed = results.filter((r) => !r.success);
  if (results.length > 0 && failed.length === 0) return 0;
  const codes = new Set(failed.map((r) => r.exitCode));
  const [only] = codes;
  return codes.size === 1 && only !== undefined && only !== 0 ? only : 1;
}
