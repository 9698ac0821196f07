// node ui-scenario.js --base URL --ext EXT_DIR --folder DEMO_WORKSPACE --empty-folder EMPTY_WORKSPACE
//                     --profile BROWSER_PROFILE --shots DIR --failed-shots DIR --results RESULTS.json
// A person's view of the extension in the real workbench: the pyinfra view and its inventory, a shell command run
// from the command palette into a terminal, PCK002 in the Problems panel, the conformance tests of DemoConnector in
// the Test Explorer, the welcome view of a folder without a connector, the debugger stopped in the demo connector.
// Every step is logged with its time and counted; a step after a failure in its part is skipped.
// The browser profile must already trust both folders (run-ext-tests.js --trust parent leaves it so); a
// screenshot lands in --shots only when its part passed, else in --failed-shots.
// The helpers a person's actions are made of live in ui/ (workbench, views, run flow, notifications), the steps of
// each feature in ui/steps/, in the order below.
const fs = require('fs');
const { parseArgs, required, stamp } = require('./args');
const { launch } = require('./browser');
const { scenarioParts } = require('./ui/parts');
const { debugParts } = require('./ui/steps/debug');
const { inventoryParts } = require('./ui/steps/inventory');
const { problemsParts, runtimeErrorParts } = require('./ui/steps/lint');
const { scaffoldParts, welcomeParts } = require('./ui/steps/newFolder');
const { runParts } = require('./ui/steps/run');
const { testingParts } = require('./ui/steps/testing');
const { transferParts } = require('./ui/steps/transfers');

const opts = required(parseArgs(process.argv.slice(2)), ['base', 'ext', 'folder', 'empty-folder', 'profile', 'shots', 'failed-shots', 'results']);
const log = stamp('ui');
const results = { passed: [], failed: [], skipped: [] };
// one after the other in one page: each part starts where the one before left the workbench
const SCENARIO = [inventoryParts, runParts, transferParts, debugParts, problemsParts, testingParts, runtimeErrorParts, welcomeParts, scaffoldParts];

async function main() {
  for (const dir of [opts.shots, opts['failed-shots']]) fs.mkdirSync(dir, { recursive: true });
  const context = await launch(opts.profile, { fresh: false });
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (error) => log('[pageerror]', error.message));
  const { part, shoot } = scenarioParts(opts, results);
  try {
    for (const parts of SCENARIO) await parts({ page, part, shoot, opts });
  } finally {
    await context.close();
    fs.writeFileSync(opts.results, JSON.stringify(results, null, 2));
    log(`${results.passed.length} passed, ${results.failed.length} failed, ${results.skipped.length} skipped`);
  }
  return results.failed.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
