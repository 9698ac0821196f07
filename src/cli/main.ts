// pyinfra-kit: the extension's work outside the editor (bin.ts is the process). Each command is
// loaded only when used, so `exec` never pays for the parser and `lint` never starts Python.
import { errorJson, errorLine } from '../core/bridge/cliErrors';
import { BridgeError } from '../core/bridge/protocol';
import { printable } from '../core/execution/printable';
import { CliCommand, CliIo, EXIT_FAILURE, EXIT_USAGE, UsageError } from './io';

export type CommandTable = Record<string, { summary: string; load: () => Promise<CliCommand> }>;

const COMMANDS: CommandTable = {
  lint: { summary: 'lint connector classes: lint [PATH...] [--format text|json|sarif]', load: async () => (await import('./commands/lint')).lint },
  connectors: { summary: 'list installed connectors: connectors [--json]', load: async () => (await import('./commands/connectors')).connectors },
  inventory: { summary: 'show what make_names_data yields: inventory TARGET... [--json]', load: async () => (await import('./commands/inventory')).inventory },
  exec: { summary: 'run a shell command: exec TARGET... [options] -- COMMAND...', load: async () => (await import('./commands/exec')).exec },
  put: { summary: 'upload a file: put TARGET LOCAL REMOTE', load: async () => (await import('./commands/transfer')).put },
  get: { summary: 'download a file: get TARGET REMOTE LOCAL', load: async () => (await import('./commands/transfer')).get },
  test: { summary: 'run the conformance suite: test TARGET... [--only GLOB]... [--format text|json|junit]', load: async () => (await import('./commands/test')).test },
  doctor: { summary: 'check the interpreter, pyinfra, gevent, debugpy and each connector entry point: doctor [--json]', load: async () => (await import('./commands/doctor')).doctor },
  check: { summary: 'check the interpreter and pyinfra: check [--python PATH]', load: async () => (await import('./commands/check')).check },
};

function usage(commands: CommandTable): string {
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(11)}${summary.slice(summary.indexOf(':') + 2)}`);
  return `usage: pyinfra-kit COMMAND [ARGS]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Whether the arguments ask for JSON output (`--json`, `--format json`): a program reads stderr then too. */
function asksForJson(argv: string[]): boolean {
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  return options.some((token, index) => token === '--json' || token === '--format=json' || (token === '--format' && options[index + 1] === 'json'));
}

/**
 * One run of the CLI, as its exit code: 0 done, 1 failed (an error no command expected too: its
 * message, and its stack with --verbose), 2 bad usage. `commands` is replaceable for tests.
 */
export async function main(argv: string[], io: CliIo, commands: CommandTable = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage(commands));
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`pyinfra-kit: unknown command '${name}'\n${usage(commands)}`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    const verbose = argv.includes('--verbose');
    if (asksForJson(rest)) {
      io.stderr(errorJson(error instanceof UsageError ? new BridgeError('usage', error.message) : error, verbose));
      return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
    }
    if (error instanceof UsageError) {
      io.stderr(errorLine(name, error));
      return EXIT_USAGE;
    }
    io.stderr(`pyinfra-kit: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_FAILURE;
  }
}
