// How a run reads in a terminal: every line prefixed by its host, stderr in red, and a per-host
// summary at the end. Terminals need "\r\n", not "\n".
import type { HostRunResult, OutputEvent } from '../bridge/protocol';

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export function formatOutputLine(event: OutputEvent): string {
  const prefix = `${DIM}[${event.host}]${RESET} `;
  const line = event.stream === 'stderr' ? `${RED}${event.line}${RESET}` : event.line;
  return `${prefix}${line}\r\n`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** One line per host (success, duration, the error when it never ran) and a total line. */
export function formatSummary(results: readonly HostRunResult[], totalMs: number): string {
  const width = Math.max(4, ...results.map((r) => r.host.length));
  const lines = results.map((r) => {
    const status = r.success ? `${GREEN}✔ succeeded${RESET}` : `${RED}✘ failed${r.exitCode ? `: exit ${r.exitCode}` : ''}${RESET}`;
    const why = r.error ? `  ${r.error}` : '';
    return `  ${r.host.padEnd(width)}  ${status}  ${DIM}${formatDuration(r.durationMs)}${RESET}${why}`;
  });
  const succeeded = results.filter((r) => r.success).length;
  const failed = results.length - succeeded;
  const total = `${BOLD}${succeeded} succeeded, ${failed} failed${RESET} in ${formatDuration(totalMs)}`;
  return terminalText(['', `${BOLD}Summary${RESET}`, ...lines, total, ''].join('\n'));
}
