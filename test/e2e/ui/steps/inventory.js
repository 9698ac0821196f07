// The Inventory view: the workbench opens the demo workspace, the tree lists the connectors' hosts, the filter.
const { workbenchReady, workbenchUrl } = require('../../browser');
const { until, quickInputAsking, openFile } = require('../workbench');
const { openPyinfraView, widenSideBar, inventory, treeRow, expand, expandHosts } = require('../views');

/** The demo workspace's tree: @local and DemoConnector's hosts, then the host filter and clearing it. */
async function inventoryParts({ page, part, shoot, opts }) {
  const sidebar = await part(page, 'sidebar', [
    ['the workbench opens the demo workspace', async () => {
      await page.goto(workbenchUrl(opts.base, { folder: opts.folder, extPath: opts.ext }));
      await workbenchReady(page);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'connectors' }).waitFor({ timeout: 60000 });
      if (await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count()) throw new Error('the workspace is in Restricted Mode');
    }],
    ['the status bar names the selected connector before the view is opened', async () => {
      await page.locator('.statusbar-item', { hasText: /^\s*DemoConnector\s*$/ }).first().waitFor({ timeout: 60000 });
    }],
    ['the pyinfra activity bar item opens the Inventory view', async () => {
      await openPyinfraView(page);
      await widenSideBar(page, 440);
    }],
    ['@local lists its host @local', async () => {
      // connector @local → (group @local, when grouped) → host @local: the last @local row is the host,
      // below level 1 and not an expanded row
      await expand(page, '@local');
      await until('a host row @local below the connector @local', async () => {
        const rows = treeRow(page, '@local');
        const deepest = rows.last();
        return (await rows.count()) >= 2 && Number(await deepest.getAttribute('aria-level')) >= 2
          && (await deepest.getAttribute('aria-expanded')) !== 'true';
      });
    }],
    ['DemoConnector lists web-1, web-2 and db-1', async () => {
      await expandHosts(page, 'DemoConnector', ['web', 'db'], ['web-1', 'web-2', 'db-1']);
      const description = await treeRow(page, 'DemoConnector').first().locator('.label-description').innerText();
      // the entry point or file, and the host count
      if (!/demo/.test(description) || !/\b3\b/.test(description)) throw new Error(`DemoConnector's description is '${description}'`);
    }],
    ['connectors/demo.py opens beside the inventory', () => openFile(page, 'connectors/demo.py')],
  ]);
  if (sidebar) await shoot(page, 'screenshot-sidebar.png');

  const filtered = await part(page, 'filter', [
    ['the title bar\'s filter narrows the tree to the hosts whose data says "database"', async () => {
      await inventory(page).locator('.action-label[aria-label^="Filter Hosts"]').first().click();
      await quickInputAsking(page, 'Filter the Inventory');
      await page.locator('.quick-input-widget input.input').fill('database');
      await page.keyboard.press('Enter');
      await until('web-1 gone and db-1 shown', async () => (await treeRow(page, 'web-1').count()) === 0 && (await treeRow(page, 'db-1').count()) > 0);
      await inventory(page).getByText('Showing the hosts matching "database"').first().waitFor({ timeout: 10000 });
    }],
  ]);
  if (filtered) await shoot(page, 'screenshot-filter.png');
  await part(page, 'filter-cleared', [
    ['Clear Host Filter shows every host again', async () => {
      await inventory(page).locator('.action-label[aria-label^="Clear Host Filter"]').first().click();
      await treeRow(page, 'web-1').first().waitFor({ timeout: 15000 });
    }],
  ]);
}

module.exports = { inventoryParts };
