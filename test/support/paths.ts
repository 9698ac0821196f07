// Where the real parts are, from a test bundle in out/test/unit/** or a source file in test/**.
import * as fs from 'fs';
import * as path from 'path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'python', 'pyinfra_kit_bridge'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`repository root not found above ${start}`);
  }
}

export const ROOT = findRoot(__dirname);
export const VENV_PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
export const CONNECTOR_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'connectors');
/** A Python 3 without pyinfra (Debian's own), for the "pyinfra missing" path. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
