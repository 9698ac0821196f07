// node run-ext-tests.js --base URL --ext EXT_DIR --tests INDEX_JS --folder WORKSPACE --profile BROWSER_PROFILE
//                       --trust parent|none [--timeout SECONDS]
// Runs the extension's test entry (exports.run(), as with @vscode/test-electron's extensionTestsPath) inside the
// Node extension host of the code-server at URL. The workbench calls window.codeAutomationExit(code) when run()
// settles; this exits with that code (124 on timeout, 3 when the workspace trust is not what the mode needs).
//   --trust parent  trust the folder's parent first, as a person answering the startup question (the trusted pass)
//   --trust none    leave the folder untrusted: Restricted Mode (the server's settings never ask)
const util = require('util');
const { parseArgs, required, stamp } = require('./args');
const { launch, workbenchUrl, workbenchReady, trustFolder } = require('./browser');

const opts = required(parseArgs(process.argv.slice(2), { timeout: '300' }), ['base', 'ext', 'tests', 'folder', 'profile', 'trust']);
const log = stamp('ext-tests');
// the workbench's own chatter in the extension host's console; the suites' output is everything else
const NOISE = /^(Resolving|Resolved|Creating a socket|Ignoring fetching|Updating additional|\[Service Worker\]|ChatSessionStore|Started local extension host|Extension host|No search provider registered)/;

/** Whether the status bar says "Restricted Mode"; when `expected`, waits for the indicator to appear. */
async function restrictedModeShown(page, expected) {
  const indicator = page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
  if (expected) return indicator.first().waitFor({ timeout: 20000 }).then(() => true, () => false);
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30000 });
  return (await indicator.count()) > 0;
}

async function main() {
  const context = await launch(opts.profile);
  const page = context.pages()[0] || (await context.newPage());
  try {
    if (opts.trust === 'parent') {
      await trustFolder(page, opts.base, opts.folder, { parent: true });
      log(`trusted ${require('path').dirname(opts.folder)} (the startup question, answered Yes)`);
    }
    let done;
    const exited = new Promise((resolve) => (done = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = util.format(...args);
      if (process.env.E2E_VERBOSE || !NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    page.on('pageerror', (error) => console.error('[pageerror]', error.message));
    await page.goto(workbenchUrl(opts.base, { folder: opts.folder, extPath: opts.ext, testsPath: opts.tests }));
    await workbenchReady(page);
    const restricted = await restrictedModeShown(page, opts.trust === 'none');
    if (restricted !== (opts.trust === 'none')) {
      console.error(`the workspace is ${restricted ? 'in Restricted Mode' : 'trusted'}, but this pass needs it ${opts.trust === 'none' ? 'untrusted' : 'trusted'}`);
      return 3;
    }
    log(`workbench up (${restricted ? 'Restricted Mode' : 'trusted'}); suites running in the extension host`);
    const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), Number(opts.timeout) * 1000));
    const code = await Promise.race([exited, timer]);
    if (code === 'timeout') {
      console.error(`timed out after ${opts.timeout}s waiting for the extension tests to finish`);
      return 124;
    }
    return code;
  } finally {
    await context.close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
