// pyinfra-kit put TARGET LOCAL REMOTE | get TARGET REMOTE LOCAL [--accept-new-host-key]. `get`
// writes beside LOCAL (into it when it is a folder) and renames when complete, so a failed
// download leaves no file.
import { withCliBridge } from '../../core/bridge/cliSession';
import { printable } from '../../core/execution/printable';
import { keyValues, parseArgs, positiveNumber } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import { ACCEPT_NEW_HOST_KEY, failureLines, hostPrefix, scrubbedIo } from '../text';
import { checkTargets } from './inventory';

function transfer(direction: 'put' | 'get'): CliCommand {
  const options = `[--data K=V]... [--timeout S] [${ACCEPT_NEW_HOST_KEY}] [--python PATH] [--verbose]`;
  const usage = direction === 'put' ? `put TARGET LOCAL REMOTE ${options}` : `get TARGET REMOTE LOCAL ${options}`;
  return async (argv, plainIo) => {
    const args = parseArgs(argv, { usage, flags: ['--verbose', ACCEPT_NEW_HOST_KEY], values: ['--python', '--timeout'], lists: ['--data'] });
    if (args.positional.length !== 3 || args.rest) throw new UsageError(`${direction} takes three arguments; usage: ${usage}`);
    const [target, from, to] = args.positional;
    checkTargets([target], usage);
    const data = keyValues(args, '--data');
    const timeoutSec = positiveNumber(args, '--timeout');
    const transferOptions = { data, hostKeys: args.flags.has(ACCEPT_NEW_HOST_KEY) ? { acceptNew: true } : undefined };
    const io = scrubbedIo(plainIo, data);
    return withCliBridge(direction, { python: args.values.get('--python'), verbose: args.flags.has('--verbose'), timeoutSec }, io, async ({ bridge }) => {
      const results = direction === 'put' ? await bridge.put({ target }, from, to, transferOptions) : await bridge.get({ target }, from, to, transferOptions);
      for (const result of results) {
        if (result.success) io.stdout(`${hostPrefix(result.host)}${direction === 'put' ? 'uploaded' : 'downloaded'} ${printable(from)} -> ${printable(to)}\n`);
        else if (!result.error && result.stderr) io.stderr(`${hostPrefix(result.host)}${direction} failed: ${printable(result.stderr)}\n`);
        else io.stderr(failureLines(result, `${direction} failed`));
      }
      return results.length > 0 && results.every((r) => r.success) ? EXIT_OK : EXIT_FAILURE;
    });
  };
}

export const put = transfer('put');
export const get = transfer('get');
