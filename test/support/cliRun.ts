// Runs a CLI command in-process through main, as the pyinfra-kit process does, and captures what it prints.
import { main } from '../../src/cli/main';
import { VENV_PYTHON } from './paths';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = { PYINFRA_KIT_PYTHON: VENV_PYTHON }): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), cwd, env });
  return { code, stdout, stderr };
}
