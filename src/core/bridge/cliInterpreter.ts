// The CLI's interpreter: --python, then PYINFRA_KIT_PYTHON, then .venv/bin/python in the current
// folder, then python3. (The extension has its own order, see features/interpreter.)
import * as fs from 'fs';
import * as path from 'path';

export interface CliInterpreter {
  path: string;
  source: '--python' | 'PYINFRA_KIT_PYTHON' | '.venv' | 'default';
}

export function resolveCliInterpreter(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): CliInterpreter {
  if (flag) return { path: flag, source: '--python' };
  const fromEnv = env.PYINFRA_KIT_PYTHON?.trim();
  if (fromEnv) return { path: fromEnv, source: 'PYINFRA_KIT_PYTHON' };
  const venv = process.platform === 'win32' ? path.join(cwd, '.venv', 'Scripts', 'python.exe') : path.join(cwd, '.venv', 'bin', 'python');
  if (fs.existsSync(venv)) return { path: venv, source: '.venv' };
  return { path: process.platform === 'win32' ? 'python' : 'python3', source: 'default' };
}
