// Runs a bridge CLI command in-process and captures what it prints. (src/cli/main.ts runs itself
// when its bundle is the main module, so tests call the commands directly, mapping UsageError to
// exit 2 as main does.)
import { check } from '../../src/cli/commands/check';
import { connectors } from '../../src/cli/commands/connectors';
import { doctor } from '../../src/cli/commands/doctor';
import { exec } from '../../src/cli/commands/exec';
import { inventory } from '../../src/cli/commands/inventory';
import { test } from '../../src/cli/commands/test';
import { get, put } from '../../src/cli/commands/transfer';
import { CliCommand, EXIT_USAGE, UsageError } from '../../src/cli/io';
import { VENV_PYTHON } from './paths';

const COMMANDS: Record<string, CliCommand> = { check, connectors, doctor, exec, inventory, get, put, test };

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = { PYINFRA_KIT_PYTHON: VENV_PYTHON }): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const [name, ...rest] = argv;
  const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), cwd, env };
  let code: number;
  try {
    code = await COMMANDS[name](rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr += `pyinfra-kit ${name}: ${error.message}\n`;
    code = EXIT_USAGE;
  }
  return { code, stdout, stderr };
}
