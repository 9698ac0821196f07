// pyinfra-kit exec TARGET... [--json] [--sudo] [--sudo-user U] [--env K=V]... [--chdir DIR]
//   [--timeout S] [--parallel N] [--accept-new-host-key] -- COMMAND...
// Output lines prefixed `[host] `, stderr kept on stderr, a failed host's exit code or error last;
// exit 0 only when every host succeeded.
import type { HostRunResult } from '../../core/bridge/protocol';
import { withCliBridge } from '../../core/bridge/cliSession';
import { printable } from '../../core/execution/printable';
import { keyValues, parseArgs, positiveNumber } from '../args';
import { CliCommand, CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import { ACCEPT_NEW_HOST_KEY, failureLines, hostPrefix, jsonResult, scrubbedIo } from '../text';
import { checkTargets } from './inventory';

const USAGE = `exec TARGET... [--json] [--sudo] [--sudo-user U] [--env K=V]... [--chdir DIR] [--timeout S] [--parallel N] [--data K=V]... [${ACCEPT_NEW_HOST_KEY}] -- COMMAND...`;

/** Hosts that failed say why, on stderr. */
export function reportFailures(results: readonly HostRunResult[], io: CliIo, what?: string): void {
  for (const result of results) io.stderr(failureLines(result, what));
}

export const exec: CliCommand = async (argv, plainIo) => {
  const args = parseArgs(argv, {
    usage: USAGE,
    flags: ['--json', '--sudo', '--verbose', ACCEPT_NEW_HOST_KEY],
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
    hostKeys: args.flags.has(ACCEPT_NEW_HOST_KEY) ? { acceptNew: true } : undefined,
  };
  const io = scrubbedIo(plainIo, options.data);
  return withCliBridge('exec', { python: args.values.get('--python'), verbose: args.flags.has('--verbose'), json }, io, async ({ bridge }) => {
    const results = await bridge.run(
      args.positional.map((target) => ({ target })),
      command,
      {
        ...options,
        onOutput: json ? undefined : (event) => (event.stream === 'stderr' ? io.stderr : io.stdout)(`${hostPrefix(event.host)}${printable(event.line)}\n`),
      },
    );
    if (json) io.stdout(`${JSON.stringify(results.map(jsonResult), null, 2)}\n`);
    else reportFailures(results, io);
    return results.length > 0 && results.every((r) => r.success) ? EXIT_OK : EXIT_FAILURE;
  });
};
