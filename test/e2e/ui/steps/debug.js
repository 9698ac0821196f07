// Debugging a connector: the demo connector stopped at a breakpoint in make_names_data, for the README.
const fs = require('fs');
const path = require('path');
const { until, watchLenses, lensesSettled, openFile } = require('../workbench');

/** A breakpoint, the Debug CodeLens, the stopped debugger photographed, Continue. */
async function debugParts({ page, part, shoot, opts }) {
  const demoLines = fs.readFileSync(path.join(opts.folder, 'connectors/demo.py'), 'utf8').split('\n');
  const hostsLine = demoLines.findIndex((line) => line.includes('hosts = [')) + 1;
  await part(page, 'debug', [
    [`a breakpoint on line ${hostsLine} of connectors/demo.py (make_names_data)`, async () => {
      await openFile(page, 'connectors/demo.py');
      await watchLenses(page); // before the jump's focus change asks for the lenses again
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input.input').fill(`:${hostsLine}`);
      await page.keyboard.press('Enter');
      await page.keyboard.press('F9');
      await page.locator('.monaco-editor .codicon-debug-breakpoint').first().waitFor({ timeout: 15000 });
    }],
    ['the "Debug" CodeLens above make_names_data stops there, locals shown', async () => {
      // make_names_data's lens line is "Debug | Show in Inventory"; the class's also has "Test", run_shell_command's
      // has no "Show in Inventory" (the widgets' order in the page is not their line order)
      const lensLine = page.locator('.contentWidgets .codelens-decoration', { hasText: 'Show in Inventory' }).filter({ hasNotText: 'Test' });
      await until('the lenses above make_names_data', async () => (await lensLine.count()) >= 1, 60000);
      await lensesSettled(page);
      await lensLine.first().locator('a', { hasText: /^Debug$/ }).click();
      await page.locator('.debug-toolbar').waitFor({ timeout: 60000 });
      await page.locator('.debug-top-stack-frame-line').first().waitFor({ timeout: 60000 });
      await page.locator('.part.sidebar .monaco-list-row', { hasText: /^\s*name\b/ }).first().waitFor({ timeout: 30000 });
    }],
    // taken here, before the session ends; a failure above skips it
    ['the stopped debugger is photographed for the README', () => shoot(page, 'screenshot-debug.png')],
    ['Continue (F5) ends the session', async () => {
      await page.keyboard.press('F5');
      await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 60000 });
    }],
  ]);
}

module.exports = { debugParts };
