// pyinfra-kit inventory TARGET... [--json] [--data K=V]... [--timeout S] [--show-secrets]:
// what each target's make_names_data yields, after pyinfra's own processing.
import type { HostEntry } from '../../core/bridge/protocol';
import { withCliBridge } from '../../core/bridge/cliSession';
import { printable } from '../../core/execution/printable';
import { parseTargetSpec, TARGET_FORMS } from '../../core/inventory/targetSpec';
import { keyValues, parseArgs, positiveNumber } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import { scrubbedIo } from '../text';

const USAGE = 'inventory TARGET... [--json] [--data K=V]... [--timeout S] [--show-secrets] [--python PATH] [--verbose]';

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

export const inventory: CliCommand = async (argv, plainIo) => {
  const args = parseArgs(argv, { usage: USAGE, flags: ['--json', '--show-secrets', '--verbose'], values: ['--timeout', '--python'], lists: ['--data'] });
  if (args.rest) throw new UsageError(`unexpected '--'; usage: ${USAGE}`);
  checkTargets(args.positional, USAGE);
  const data = keyValues(args, '--data');
  const timeout = positiveNumber(args, '--timeout');
  const io = args.flags.has('--show-secrets') ? plainIo : scrubbedIo(plainIo, data);
  return withCliBridge('inventory', { python: args.values.get('--python'), verbose: args.flags.has('--verbose') }, io, async ({ bridge, report }) => {
    const hosts: HostEntry[] = [];
    let exitCode = EXIT_OK;
    for (const target of args.positional) {
      try {
        const found = await bridge.inventory(target, { data, showSecrets: args.flags.has('--show-secrets'), timeoutMs: timeout === undefined ? undefined : timeout * 1000 });
        hosts.push(...found);
        if (!args.flags.has('--json')) io.stdout(`${printable(target)}: ${found.length} host${found.length === 1 ? '' : 's'}\n${found.map(formatHost).join('')}`);
      } catch (error) {
        exitCode = Math.max(exitCode, report(error));
      }
    }
    if (args.flags.has('--json')) io.stdout(`${JSON.stringify(hosts, null, 2)}\n`);
    return exitCode === EXIT_OK ? EXIT_OK : exitCode === 2 ? 2 : EXIT_FAILURE;
  });
};
