// pyinfra-kit exec TARGET... [--json] [--sudo] [--sudo-user U] [--env K=V]... [--chdir DIR]
//   [--timeout S] [--parallel N] -- COMMAND...
// Output lines prefixed `[host] `, stderr kept on stderr; exit 0 only when every host succeeded.
import type { HostRunResult } from '../../core/bridge/protocol';
import { withCliBridge } from '../../core/bridge/cliSession';
import { keyValues, parseArgs, positiveNumber } from '../args';
import { CliCommand, CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import { checkTargets } from './inventory';

const USAGE = 'exec TARGET... [--json] [--sudo] [--sudo-user U] [--env K=V]... [--chdir DIR] [--timeout S] [--parallel N] [--data K=V]... -- COMMAND...';

/** Hosts that never ran the command say why, on stderr. */
export function reportFailures(results: readonly HostRunResult[], io: CliIo): void {
  for (const result of results) {
    if (result.error) io.stderr(`[${result.host}] error: ${result.error}\n`);
  }
}

export const exec: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, {
    usage: USAGE,
    flags: ['--json', '--sudo', '--verbose'],
    values: ['--sudo-user', '--chdir', '--timeout', '--parallel', '--python'],
    lists: ['--env', '--data'],
  });
  checkTargets(args.positional, USAGE);
  if (!args.rest || args.rest.length === 0) throw new UsageError(`no command given after '--'; usage: ${USAGE}`);
  const command = args.rest.join(' ');
  const json = args.flags.has('--json');
  const options = {
    sudo: args.flags.has('--sudo') || undefined,
    sudoUser: args.values.get('--sudo-user'),
    env: keyValues(args, '--env'),
    chdir: args.values.get('--chdir'),
    timeoutSec: positiveNumber(args, '--timeout', true),
    parallel: positiveNumber(args, '--parallel', true),
    data: keyValues(args, '--data'),
  };
  return withCliBridge('exec', { python: args.values.get('--python'), verbose: args.flags.has('--verbose') }, io, async ({ bridge }) => {
    const results = await bridge.run(
      args.positional.map((target) => ({ target })),
      command,
      {
        ...options,
        onOutput: json ? undefined : (event) => (event.stream === 'stderr' ? io.stderr : io.stdout)(`[${event.host}] ${event.line}\n`),
      },
    );
    if (json) io.stdout(`${JSON.stringify(results.map(({ host, success, stdout, stderr, durationMs, error }) => ({ host, success, stdout, stderr, durationMs, ...(error ? { error } : {}) })), null, 2)}\n`);
    else reportFailures(results, io);
    return results.length > 0 && results.every((r) => r.success) ? EXIT_OK : EXIT_FAILURE;
  });
};
