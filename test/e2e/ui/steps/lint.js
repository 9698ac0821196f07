// Findings in the Problems panel: PCK002 from the language server, a runtime error from make_names_data.
const fs = require('fs');
const path = require('path');
const { runCommand, openFile } = require('../workbench');
const { openPyinfraView, inventory, treeRow, expand } = require('../views');

// a connector whose API client returns None: make_names_data raises on line 11
const RAISING_CONNECTOR = [
  'from pyinfra.connectors.base import BaseConnector', '', '',
  'def hosts_from_api():', '    return None  # the API answered 204', '', '',
  'class InventoryApiConnector(BaseConnector):', '    @staticmethod', '    def make_names_data(name=None):',
  '        for host in hosts_from_api():', '            yield host["name"], host, []', '',
].join('\n');

/** connectors/half_written.py: the Problems panel lists PCK002 about get_file. */
async function problemsParts({ page, part }) {
  await part(page, 'problems', [
    ['connectors/half_written.py opens', () => openFile(page, 'connectors/half_written.py')],
    ['the Problems panel lists PCK002 about get_file', async () => {
      await runCommand(page, 'View: Focus Problems');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'PCK002' }).filter({ hasText: 'get_file' }).first().waitFor({ timeout: 60000 });
    }],
  ]);
}

/** A connector whose make_names_data raises: its error on the raising line, from pyinfra-kit (runtime). */
async function runtimeErrorParts({ page, part, shoot, opts }) {
  const runtime = await part(page, 'runtime-error', [
    ['a connector whose make_names_data raises is listed after Refresh', async () => {
      fs.writeFileSync(path.join(opts.folder, 'connectors', 'inventory_api.py'), RAISING_CONNECTOR);
      await openPyinfraView(page); // the debug part left the Run and Debug view in the side bar
      await inventory(page).locator('.action-label[aria-label^="Refresh Inventory"]').first().click();
      await treeRow(page, 'InventoryApiConnector').first().waitFor({ timeout: 60000 });
      await expand(page, 'InventoryApiConnector');
    }],
    ['the Problems panel shows the error on the raising line, from pyinfra-kit (runtime)', async () => {
      await runCommand(page, 'View: Focus Problems');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: "'NoneType' object is not iterable" }).first();
      await row.waitFor({ timeout: 60000 });
      const text = await row.innerText();
      if (!/pyinfra-kit \(runtime\)/.test(text) || !/\[Ln 11/.test(text)) throw new Error(`the Problems row reads '${text}'`);
      await row.click();
      await page.locator('.tabs-container .tab.active', { hasText: 'inventory_api.py' }).waitFor({ timeout: 15000 });
    }],
  ]);
  if (runtime) await shoot(page, 'screenshot-runtime-error.png');
}

module.exports = { problemsParts, runtimeErrorParts };
