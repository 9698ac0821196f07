// The run flow's quick inputs (host picker, command) and the pyinfra terminal the run writes to.
const { until, quickInputAsking } = require('./workbench');

/** Checks web-1 in the host picker and accepts. */
async function pickHost(page, host) {
  await quickInputAsking(page, 'Select hosts');
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${host}\\s*$`) }) }).first();
  await row.waitFor({ timeout: 30000 });
  await row.locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox').first().click();
  await page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: host }).waitFor({ timeout: 5000 });
  await page.keyboard.press('Enter');
}

/** Types a command into the command picker and runs it with Enter at once, as a person pasting it would. */
async function typeCommand(page, command) {
  await quickInputAsking(page, 'Command to run');
  await page.locator('.quick-input-widget input.input').fill(command);
  await page.keyboard.press('Enter');
}

/** Waits until the visible terminal's text passes `probe`; says what it showed when it does not. */
async function terminalShows(page, what, probe) {
  let text = '';
  await until(what, async () => probe((text = await terminalText(page))), 60000)
    .catch((error) => { throw new Error(`${error.message}; it shows: ${JSON.stringify(text.slice(-600))}`); });
}

/** Text of the visible terminal, as rendered by xterm's DOM renderer (non-breaking spaces made plain). */
const terminalText = (page) => page.locator('.terminal-wrapper.active .xterm-rows').innerText().then((t) => t.replace(/\u00a0/g, ' '));

module.exports = { pickHost, typeCommand, terminalShows, terminalText };
