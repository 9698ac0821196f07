// One build script for every bundle: the extension, the language server, the CLI and the test bundles.
//   node esbuild.js               development build (sourcemaps)
//   node esbuild.js --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --tests       also bundle test/unit and test/integration into out/
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // vscode is provided by the host; ssh2's optional native speed-ups are loaded only when present
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
  logLevel: 'warning',
};

// Parts of the extension loaded on first use (src/features/chunks.ts), each a bundle of its own
const CHUNKS = {
  'chunks/lintClient': 'src/features/lint/client.ts',
  'chunks/sshSession': 'src/features/ssh/session.ts',
  'chunks/createConnector': 'src/features/inventory/createConnector.ts',
};

function copyAssets() {
  fs.mkdirSync('dist', { recursive: true });
  for (const wasm of ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'node_modules/tree-sitter-python/tree-sitter-python.wasm']) {
    fs.copyFileSync(wasm, path.join('dist', path.basename(wasm)));
  }
  // the bridge's Python side runs from dist/python, next to the bundles that start it
  fs.rmSync('dist/python', { recursive: true, force: true });
  fs.cpSync('python', 'dist/python', { recursive: true, filter: (src) => !/__pycache__|\.pytest_cache/.test(src) });
}

function testEntries(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => /\.test\.ts$/.test(f) || /^(index|runner|runDesktop)\.ts$/.test(path.basename(f)))
    .map((f) => path.join(dir, f));
}

async function main() {
  // a release build starts from an empty dist/ so no development source map is shipped
  if (production) fs.rmSync('dist', { recursive: true, force: true });
  copyAssets();
  const builds = [{
    ...common,
    entryPoints: { extension: 'src/extension.ts', server: 'src/server/server.ts', cli: 'src/cli/bin.ts', ...CHUNKS },
    outdir: 'dist',
  }];
  if (withTests) {
    builds.push({
      ...common,
      sourcemap: true,
      minify: false,
      entryPoints: [...testEntries('test/unit'), ...testEntries('test/integration')],
      outbase: '.',
      outdir: 'out',
      external: [...common.external, 'mocha'],
    });
  }
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('[esbuild] watching');
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
