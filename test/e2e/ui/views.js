// The side bar's views: the pyinfra Inventory tree (rows by label, expanding connectors and groups) and the Test
// Explorer's rows and the states they show.
const { until } = require('./workbench');

async function openPyinfraView(page) {
  await page.locator('.activitybar .action-item a[aria-label^="pyinfra"]').click({ timeout: 30000 });
  // a container with one view shows the view's name in its own title ("pyinfra: Inventory"), else a pane header
  await page.locator('.part.sidebar', { has: page.locator('.title-label, .pane-header', { hasText: /Inventory/i }) }).waitFor({ timeout: 15000 });
}

/** Drags the side bar's edge so that it is `width` pixels wide: room for the connectors' descriptions. */
async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const edge = { x: box.x + box.width - 1, y: box.y + box.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, edge.y, { steps: 5 });
  await page.mouse.up();
}

// the side bar showing the Inventory view, and one of its rows by its exact label
const inventory = (page) => page.locator('.part.sidebar');
const treeRow = (page, label) => inventory(page).locator('.monaco-list-row')
  .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) });

/** Expands the row with this label when it is collapsed. */
async function expand(page, label) {
  const row = treeRow(page, label).first();
  await row.waitFor({ timeout: 60000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
  await until(`${label} expanded`, async () => (await row.getAttribute('aria-expanded')) !== 'false', 10000);
}

/** Expands `connector` and, when the tree groups its hosts, its group rows, until every host row shows. */
async function expandHosts(page, connector, groups, hosts) {
  await expand(page, connector);
  await until(`host rows ${hosts.join(', ')} under ${connector}`, async () => {
    const shown = await Promise.all(hosts.map(async (host) => (await treeRow(page, host).count()) > 0));
    if (shown.every(Boolean)) return true;
    for (const group of groups) {
      const row = treeRow(page, group).first();
      if ((await row.count()) && (await row.getAttribute('aria-expanded')) === 'false') await row.click();
    }
    return false;
  }, 60000);
}

// a row of the Test Explorer by its label (the description follows it in the same element), and the state it shows
// (its icon, or its accessible name "description (Passed)")
const testRow = (page, label) => page.locator('.part.sidebar .monaco-list-row')
  .filter({ has: page.locator('.testing-stdtree-container > .label', { hasText: new RegExp(`^\\s*${label}`) }) });
const showsState = async (row, states) => (await row.locator(states.map((state) => `.codicon-testing-${state}-icon`).join(', ')).count()) > 0
  || new RegExp(`\\((${states.join('|')})\\)`, 'i').test((await row.getAttribute('aria-label')) || '');
module.exports = { openPyinfraView, widenSideBar, inventory, treeRow, expand, expandHosts, testRow, showsState };
