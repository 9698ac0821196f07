// Finds the two tree-sitter wasm files: next to the bundle at run time (esbuild copies them into dist/),
// or in node_modules when running from out/test/... or from source.
import * as fs from 'fs';
import * as path from 'path';

export interface WasmPaths {
  runtime: string;
  python: string;
}

const RUNTIME = 'web-tree-sitter.wasm';
const PYTHON = 'tree-sitter-python.wasm';

function candidates(start: string): string[] {
  const dirs: string[] = [];
  let dir = start;
  for (;;) {
    dirs.push(dir, path.join(dir, 'dist'));
    const parent = path.dirname(dir);
    if (parent === dir) return dirs;
    dir = parent;
  }
}

export function locateWasm(start: string = __dirname): WasmPaths {
  for (const dir of candidates(start)) {
    const runtime = path.join(dir, RUNTIME);
    const python = path.join(dir, PYTHON);
    if (fs.existsSync(runtime) && fs.existsSync(python)) return { runtime, python };
    const modules = path.join(dir, 'node_modules');
    const moduleRuntime = path.join(modules, 'web-tree-sitter', RUNTIME);
    const modulePython = path.join(modules, 'tree-sitter-python', PYTHON);
    if (fs.existsSync(moduleRuntime) && fs.existsSync(modulePython)) return { runtime: moduleRuntime, python: modulePython };
  }
  throw new Error(`cannot find ${RUNTIME} and ${PYTHON} near ${start}`);
}
