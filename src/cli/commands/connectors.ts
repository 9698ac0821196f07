// pyinfra-kit connectors [--json]: the installed pyinfra.connectors entry points; a broken one is
// listed with its error.
import { withCliBridge } from '../../core/bridge/cliSession';
import { parseArgs } from '../args';
import { CliCommand, EXIT_OK, UsageError } from '../io';

const USAGE = 'connectors [--json] [--python PATH] [--verbose]';

export const connectors: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { usage: USAGE, flags: ['--json', '--verbose'], values: ['--python'] });
  if (args.positional.length > 0 || args.rest) throw new UsageError(`connectors takes no arguments; usage: ${USAGE}`);
  return withCliBridge('connectors', { python: args.values.get('--python'), verbose: args.flags.has('--verbose'), json: args.flags.has('--json') }, io, async ({ bridge }) => {
    const listed = await bridge.connectors();
    if (args.flags.has('--json')) {
      io.stdout(`${JSON.stringify(listed, null, 2)}\n`);
      return EXIT_OK;
    }
    const width = Math.max(0, ...listed.map((c) => c.name.length + 1));
    for (const info of listed) {
      const what = info.error ? `broken: ${info.error}` : info.handlesExecution === null ? 'unknown' : info.handlesExecution ? 'executes' : 'inventory only';
      io.stdout(`${`@${info.name}`.padEnd(width)}  ${info.entryPoint}  (${what})\n`);
    }
    return EXIT_OK;
  });
};
