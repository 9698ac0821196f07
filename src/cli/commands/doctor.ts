// pyinfra-kit doctor [--json] [--python PATH]: the interpreter, pyinfra, gevent, debugpy, and each
// installed pyinfra.connectors entry point imported alone. Exit 0 when no problem was found.
import { resolveCliInterpreter } from '../../core/bridge/cliInterpreter';
import { errorJson } from '../../core/bridge/cliErrors';
import { locatePythonDir } from '../../core/bridge/pythonDir';
import { doctorText, runDoctor } from '../../core/doctor/doctor';
import { parseArgs } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';

const USAGE = 'doctor [--json] [--python PATH]';

export const doctor: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { usage: USAGE, flags: ['--json'], values: ['--python'] });
  if (args.positional.length > 0 || args.rest) throw new UsageError(`doctor takes no arguments; usage: ${USAGE}`);
  const interpreter = resolveCliInterpreter(args.values.get('--python'), io.env, io.cwd);
  try {
    const report = await runDoctor({ python: interpreter.path, pythonDir: locatePythonDir(), cwd: io.cwd, env: { ...process.env, ...io.env } });
    io.stdout(args.flags.has('--json') ? `${JSON.stringify({ ...report, interpreterSource: interpreter.source }, null, 2)}\n` : doctorText(report, interpreter.source));
    return report.problems.length === 0 ? EXIT_OK : EXIT_FAILURE;
  } catch (error) {
    io.stderr(args.flags.has('--json') ? errorJson(error, false) : `pyinfra-kit doctor: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
};
