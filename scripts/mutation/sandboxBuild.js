// Stryker's build step, run inside its sandbox (<root>/.stryker-tmp/sandbox-*): the project's .venv
// (real pyinfra, too big to copy) and node_modules are linked, then the test bundles are built from
// the instrumented sources.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(process.cwd(), '..', '..');
for (const linked of ['.venv', 'node_modules']) {
  if (!fs.existsSync(path.join(root, linked))) {
    console.error(`no ${linked} in ${root}: run npm run setup first`);
    process.exit(1);
  }
  if (!fs.existsSync(linked)) fs.symlinkSync(path.join(root, linked), linked);
}
execFileSync(process.execPath, ['esbuild.js', '--tests'], { stdio: 'inherit' });
