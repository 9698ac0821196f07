// pyinfra-kit inventory TARGET... [--json] [--data K=V]... [--timeout S] [--show-secrets]
//   [--max-hosts N] [--max-answer-mb N]:
// what each target's make_names_data yields, after pyinfra's own processing. Text mode prints each
// target's hosts as they arrive (the first of a million at once), then their count; written in
// batches, so a million hosts never make one giant string.
import type { HostEntry } from '../../core/bridge/protocol';
import { withCliBridge } from '../../core/bridge/cliSession';
import { printable } from '../../core/execution/printable';
import { parseTargetSpec, TARGET_FORMS } from '../../core/inventory/targetSpec';
import { keyValues, parseArgs, positiveNumber } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import { scrubbedIo } from '../text';

const USAGE = 'inventory TARGET... [--json] [--data K=V]... [--timeout S] [--show-secrets] [--max-hosts N] [--max-answer-mb N] [--python PATH] [--verbose]';
const BATCH = 10_000;

/** Writes items as pieces of text, BATCH at a time. */
function writeBatched<T>(items: readonly T[], write: (text: string) => void, format: (item: T, index: number) => string): void {
  for (let start = 0; start < items.length; start += BATCH) {
    let text = '';
    for (let index = start; index < Math.min(start + BATCH, items.length); index++) text += format(items[index], index);
    write(text);
  }
}

/** The same text as JSON.stringify(hosts, null, 2), written in batches. */
function writeJsonArray(hosts: readonly HostEntry[], write: (text: string) => void): void {
  if (hosts.length === 0) return write('[]\n');
  write('[\n');
  writeBatched(hosts, write, (host, index) => `  ${JSON.stringify(host, null, 2).replace(/\n/g, '\n  ')}${index < hosts.length - 1 ? ',' : ''}\n`);
  write(']\n');
}

export function checkTargets(targets: readonly string[], usage: string): void {
  if (targets.length === 0) throw new UsageError(`no target given; usage: ${usage}`);
  for (const target of targets) {
    if (!parseTargetSpec(target)) throw new UsageError(`cannot read target '${target}': use ${TARGET_FORMS}`);
  }
}

/** One line per host: every name, group, key and value from the connector made printable. */
function formatHost(host: HostEntry): string {
  const groups = host.groups.length > 0 ? `  [${host.groups.map(printable).join(', ')}]` : '';
  const data = Object.entries(host.data).map(([key, value]) => `${printable(key)}=${printable(typeof value === 'string' ? value : JSON.stringify(value))}`);
  return `  ${printable(host.name)}${groups}${data.length > 0 ? `  ${data.join(' ')}` : ''}\n`;
}

const hostCount = (count: number) => `${count} host${count === 1 ? '' : 's'}`;

export const inventory: CliCommand = async (argv, plainIo) => {
  const args = parseArgs(argv, { usage: USAGE, flags: ['--json', '--show-secrets', '--verbose'], values: ['--timeout', '--python', '--max-hosts', '--max-answer-mb'], lists: ['--data'] });
  if (args.rest) throw new UsageError(`unexpected '--'; usage: ${USAGE}`);
  checkTargets(args.positional, USAGE);
  const data = keyValues(args, '--data');
  const timeout = positiveNumber(args, '--timeout');
  const io = args.flags.has('--show-secrets') ? plainIo : scrubbedIo(plainIo, data);
  const maxHosts = positiveNumber(args, '--max-hosts', true);
  const maxAnswerMb = positiveNumber(args, '--max-answer-mb');
  const limits = { hosts: maxHosts, answerBytes: maxAnswerMb === undefined ? undefined : Math.round(maxAnswerMb * 2 ** 20) };
  return withCliBridge('inventory', { python: args.values.get('--python'), verbose: args.flags.has('--verbose'), json: args.flags.has('--json') }, io, async ({ bridge, report }) => {
    const hosts: HostEntry[] = [];
    const json = args.flags.has('--json');
    let exitCode = EXIT_OK;
    for (const target of args.positional) {
      // text mode prints hosts as they arrive, under the target's name (once it has any) and followed by
      // their count; --json waits for pyinfra's whole answer, which is one array
      let named = false;
      const printHosts = (chunk: HostEntry[]) => {
        if (!named) io.stdout(`${printable(target)}:\n`);
        named = true;
        writeBatched(chunk, io.stdout, formatHost);
      };
      const printChanged = (chunk: HostEntry[]) => {
        io.stdout(`${printable(target)}: ${hostCount(chunk.length)} changed after make_names_data yielded ${chunk.length === 1 ? 'it' : 'them'}; pyinfra has:\n`);
        writeBatched(chunk, io.stdout, formatHost);
      };
      try {
        const options = { data, showSecrets: args.flags.has('--show-secrets'), timeoutMs: timeout === undefined ? undefined : timeout * 1000, limits };
        // text mode keeps no host once printed (a connector may yield millions)
        if (json) for (const host of await bridge.inventory(target, options)) hosts.push(host);
        else io.stdout(`${printable(target)}: ${hostCount(await bridge.streamInventory(target, { ...options, onHosts: printHosts, onChanged: printChanged }))}\n`);
      } catch (error) {
        exitCode = Math.max(exitCode, report(error));
      }
    }
    if (json) writeJsonArray(hosts, io.stdout);
    return exitCode === EXIT_OK ? EXIT_OK : exitCode === 2 ? 2 : EXIT_FAILURE;
  });
};
