// A folder without connectors: the welcome view, then Create Connector… and the first run of its stub.
const fs = require('fs');
const path = require('path');
const { workbenchReady, workbenchUrl } = require('../../browser');
const { until, runCommand, quickInputAsking } = require('../workbench');
const { openPyinfraView, inventory } = require('../views');
const { pickHost, typeCommand, terminalShows } = require('../runFlow');
const { toast } = require('../notifications');

/** The Inventory view of a folder without connectors welcomes with Create Connector… and Add @local. */
async function welcomeParts({ page, part, shoot, opts }) {
  const welcome = await part(page, 'welcome', [
    ['a folder without connectors opens', async () => {
      await page.goto(workbenchUrl(opts.base, { folder: opts['empty-folder'], extPath: opts.ext }));
      await workbenchReady(page);
      await openPyinfraView(page);
    }],
    ['the Inventory view welcomes with "Create Connector…" and "Add @local"', async () => {
      const view = inventory(page).locator('.welcome-view');
      await view.getByRole('button', { name: 'Create Connector…' }).waitFor({ timeout: 60000 });
      await view.getByRole('button', { name: 'Add @local' }).waitFor({ timeout: 5000 });
    }],
  ]);
  if (welcome) await shoot(page, 'screenshot-welcome.png');
}

/** Create Connector… asks for class, entry point, file and kind; the new connector's stub names itself when run. */
async function scaffoldParts({ page, part, shoot, opts }) {
  const scaffold = await part(page, 'scaffold', [
    ['"Create Connector…" asks for the class, the entry-point name derived from it, the file and the kind', async () => {
      await inventory(page).locator('.welcome-view').getByRole('button', { name: 'Create Connector…' }).click();
      const input = page.locator('.quick-input-widget input.input');
      await quickInputAsking(page, 'Create Connector (1/4)');
      await input.fill('CloudConnector');
      await page.keyboard.press('Enter');
      await quickInputAsking(page, 'Create Connector (2/4)');
      await until('the entry-point name derived from the class', async () => (await input.inputValue()) === 'cloud', 10000);
      await page.keyboard.press('Enter');
      await quickInputAsking(page, 'Create Connector (3/4)');
      await until('the file named after the entry point', async () => (await input.inputValue()) === 'cloud_connector.py', 10000);
      await page.keyboard.press('Enter');
      await quickInputAsking(page, 'Create Connector (4/4)');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Executing connector' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: 'cloud_connector.py' }).waitFor({ timeout: 30000 });
    }],
    ['it offers "Install in editable mode"', async () => {
      await toast(page, 'registered as @cloud in pyproject.toml').locator('.monaco-button', { hasText: 'Install in editable mode' }).first().waitFor({ timeout: 30000 });
      const pyproject = fs.readFileSync(path.join(opts['empty-folder'], 'pyproject.toml'), 'utf8');
      if (!/^\[build-system\]$/m.test(pyproject) || !/^cloud = 'cloud_connector:CloudConnector'$/m.test(pyproject)) throw new Error(`pyproject.toml reads:\n${pyproject}`);
    }],
    ['the first run on its host says run_shell_command is not implemented yet, and where', async () => {
      const source = fs.readFileSync(path.join(opts['empty-folder'], 'cloud_connector.py'), 'utf8').split('\n');
      const def = source.findIndex((line) => line.includes('def run_shell_command('));
      const stub = source.findIndex((line, i) => i > def && line.trim() === 'raise NotImplementedError') + 1;
      await runCommand(page, 'pyinfra: Run Shell Command…');
      await pickHost(page, 'example-host');
      await typeCommand(page, 'uptime');
      await terminalShows(page, `example-host's stub named with cloud_connector.py:${stub}`,
        (text) => text.replace(/\n/g, '').includes(`run_shell_command is not implemented yet (cloud_connector.py:${stub})`));
    }],
  ]);
  if (scaffold) await shoot(page, 'screenshot-scaffold.png');
}

module.exports = { welcomeParts, scaffoldParts };
