// pyinfra-kit check [--python PATH]: the interpreter, its pyinfra, and whether the bridge starts.
import { withCliBridge } from '../../core/bridge/cliSession';
import { parseArgs } from '../args';
import { CliCommand, EXIT_OK, UsageError } from '../io';

const USAGE = 'check [--python PATH] [--verbose]';

export const check: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { usage: USAGE, flags: ['--verbose'], values: ['--python'] });
  if (args.positional.length > 0 || args.rest) throw new UsageError(`check takes no arguments; usage: ${USAGE}`);
  return withCliBridge('check', { python: args.values.get('--python'), verbose: args.flags.has('--verbose') }, io, async ({ bridge, interpreter, report }) => {
    io.stdout(`interpreter: ${interpreter.path} (from ${interpreter.source})\n`);
    const started = Date.now();
    try {
      const info = await bridge.info();
      io.stdout(`python:      ${info.python} (${info.pythonVersion})\npyinfra:     ${info.pyinfraVersion}\nbridge:      started in ${Date.now() - started} ms (pid ${info.pid})\n`);
      return EXIT_OK;
    } catch (error) {
      io.stdout('bridge:      not usable\n');
      report(error);
      return 1;
    }
  });
};
