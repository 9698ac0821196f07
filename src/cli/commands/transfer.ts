// pyinfra-kit put TARGET LOCAL REMOTE | get TARGET REMOTE LOCAL. `get` writes beside LOCAL and
// renames when complete, so a failed download leaves no file.
import { withCliBridge } from '../../core/bridge/cliSession';
import { keyValues, parseArgs, positiveNumber } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import { reportFailures } from './exec';
import { checkTargets } from './inventory';

function transfer(direction: 'put' | 'get'): CliCommand {
  const usage = direction === 'put' ? 'put TARGET LOCAL REMOTE [--data K=V]... [--timeout S] [--python PATH] [--verbose]' : 'get TARGET REMOTE LOCAL [--data K=V]... [--timeout S] [--python PATH] [--verbose]';
  return async (argv, io) => {
    const args = parseArgs(argv, { usage, flags: ['--verbose'], values: ['--python', '--timeout'], lists: ['--data'] });
    if (args.positional.length !== 3 || args.rest) throw new UsageError(`${direction} takes three arguments; usage: ${usage}`);
    const [target, from, to] = args.positional;
    checkTargets([target], usage);
    const data = keyValues(args, '--data');
    const timeoutSec = positiveNumber(args, '--timeout');
    return withCliBridge(direction, { python: args.values.get('--python'), verbose: args.flags.has('--verbose'), timeoutSec }, io, async ({ bridge }) => {
      const results = direction === 'put' ? await bridge.put({ target }, from, to, { data }) : await bridge.get({ target }, from, to, { data });
      for (const result of results) {
        if (result.success) io.stdout(`[${result.host}] ${direction === 'put' ? 'uploaded' : 'downloaded'} ${from} -> ${to}\n`);
        else if (!result.error) io.stderr(`[${result.host}] ${direction} failed${result.stderr ? `: ${result.stderr}` : ''}\n`);
      }
      reportFailures(results, io);
      return results.length > 0 && results.every((r) => r.success) ? EXIT_OK : EXIT_FAILURE;
    });
  };
}

export const put = transfer('put');
export const get = transfer('get');
