// The conformance tests of DemoConnector in the Test Explorer.
const { until, runCommand, quickInputAsking } = require('../workbench');
const { testRow, showsState } = require('../views');

/** Run Conformance Tests asks for a connector; DemoConnector's checks run and pass in the Test Explorer. */
async function testingParts({ page, part, shoot }) {
  const testing = await part(page, 'testing', [
    ['"pyinfra: Run Conformance Tests" asks for a connector', async () => {
      await runCommand(page, 'pyinfra: Run Conformance Tests');
      await quickInputAsking(page, 'Select Connector');
    }],
    ['picking DemoConnector runs its checks in the Test Explorer', async () => {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'DemoConnector' }).first().click();
      const row = testRow(page, 'DemoConnector');
      await row.waitFor({ timeout: 60000 });
      // the connector's row shows the outcome of its checks once the run is over (120 s: a loaded machine)
      await until('a finished run on DemoConnector', () => showsState(row, ['passed', 'failed', 'errored']), 120000);
    }],
    ['the run group lists run.stdout … run.shell-executable as passed', async () => {
      for (const label of ['DemoConnector', 'run']) {
        const row = testRow(page, label).first();
        if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
      }
      await until('run.stderr shown as passed', () => showsState(testRow(page, 'stderr').first(), ['passed']), 15000);
    }],
  ]);
  if (testing) await shoot(page, 'screenshot-testing.png');
}

module.exports = { testingParts };
