// pyinfra-kit test TARGET... [--only GLOB]... [--format text|json|junit] [--timeout S] [--data K=V]... [--accept-new-host-key]
// The conformance suite on each target, run by real pyinfra in the bridge. Exit 0 when nothing
// failed or errored, 1 otherwise, 2 on bad usage. Ctrl-C lets the suite remove what it wrote first.
import { withCliBridge } from '../../core/bridge/cliSession';
import { BridgeError } from '../../core/bridge/protocol';
import { junitReport, textReport } from '../../core/conformance/formats';
import { allConform, targetError, type CheckResult } from '../../core/conformance/results';
import { choice, keyValues, parseArgs, positiveNumber } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import { ACCEPT_NEW_HOST_KEY, scrubbedIo } from '../text';
import { checkTargets } from './inventory';

const USAGE = `test TARGET... [--only GLOB]... [--format text|json|junit] [--timeout S] [--data K=V]... [${ACCEPT_NEW_HOST_KEY}] [--python PATH] [--verbose]`;
const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

function render(format: Format, results: readonly CheckResult[], elapsedMs: number): string {
  if (format === 'json') return `${JSON.stringify(results, null, 2)}\n`;
  if (format === 'junit') return junitReport(results);
  return textReport(results, elapsedMs);
}

export const test: CliCommand = async (argv, plainIo) => {
  const args = parseArgs(argv, { usage: USAGE, flags: ['--verbose', ACCEPT_NEW_HOST_KEY], values: ['--format', '--timeout', '--python'], lists: ['--only', '--data'] });
  if (args.rest) throw new UsageError(`unexpected '--'; usage: ${USAGE}`);
  checkTargets(args.positional, USAGE);
  const format = choice(args, '--format', FORMATS, 'text');
  const options = {
    only: args.lists.get('--only') ?? [],
    timeoutSec: positiveNumber(args, '--timeout'),
    data: keyValues(args, '--data'),
    hostKeys: args.flags.has(ACCEPT_NEW_HOST_KEY) ? { acceptNew: true } : undefined,
  };
  const io = scrubbedIo(plainIo, options.data);
  const session = { python: args.values.get('--python'), verbose: args.flags.has('--verbose'), json: format === 'json' };
  return withCliBridge('test', session, io, async ({ bridge, report }) => {
    const started = Date.now();
    const results: CheckResult[] = [];
    for (const target of args.positional) {
      try {
        results.push(...(await bridge.test(target, options)));
      } catch (error) {
        report(error);
        results.push(targetError(target, error instanceof Error ? error.message : String(error), error instanceof BridgeError ? error.detail : undefined));
      }
    }
    if (options.only.length > 0 && results.length === 0) throw new UsageError(`no check matches --only ${options.only.join(' ')}`);
    io.stdout(render(format, results, Date.now() - started));
    return allConform(results) ? EXIT_OK : EXIT_FAILURE;
  });
};
