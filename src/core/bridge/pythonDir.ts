// Where the bridge's Python package lives: dist/python next to the bundle at run time (esbuild.js
// copies it there), the repository's python/ when running from out/ in tests.
import * as fs from 'fs';
import * as path from 'path';

const MARKER = path.join('pyinfra_kit_bridge', '__main__.py');

export function locatePythonDir(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'python');
    if (fs.existsSync(path.join(candidate, MARKER))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`The bridge's Python files (python/${MARKER.split(path.sep).join('/')}) were not found above ${start}`);
}
