// The workbench as a person uses it: the command palette, quick inputs and file dialogs, Quick Open, the
// editor's text and CodeLens widgets, the Output panel. Each helper waits for what it needs, no longer.
const path = require('path');
const { stamp } = require('../args');

const log = stamp('ui');

/** Polls `probe` until it returns true, or fails after `timeoutMs` saying what it waited for. */
async function until(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts recording when the editor's CodeLens widgets are redrawn (see lensesSettled). */
async function watchLenses(page) {
  await page.evaluate(() => {
    window.__lensRedraws = 0;
    window.__lensObserver?.disconnect();
    window.__lensObserver = new MutationObserver(() => {
      window.__lensRedraws++;
      window.__lensRedrawnAt = Date.now();
    });
    for (const widgets of document.querySelectorAll('.monaco-editor .contentWidgets')) {
      window.__lensObserver.observe(widgets, { childList: true, subtree: true });
    }
  });
}

/**
 * Waits until the CodeLens widgets were redrawn since watchLenses and then not for a second. VS Code asks for the
 * lenses again whenever the editor gains focus; a lens outside the viewport then keeps the commands of the list it
 * has just released until it is resolved again after a scroll, and a click on it in between does nothing ("Actual
 * command not found" in the extension host's log). A person never clicks that fast after jumping to a line.
 */
async function lensesSettled(page, quietMs = 1000) {
  await until('the CodeLens widgets redrawn', () => page.evaluate(() => window.__lensRedraws > 0), 15000).catch(() => log('no CodeLens redraw seen; clicking anyway'));
  await until('the CodeLens widgets to settle', () => page.evaluate((quiet) => !window.__lensRedrawnAt || Date.now() - window.__lensRedrawnAt >= quiet, quietMs));
  await page.evaluate(() => window.__lensObserver.disconnect());
}


/** Runs a command from the palette (F1) by its title, e.g. "pyinfra: Run Shell Command…". */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** Waits for the quick input to ask for `what`, in its title, prompt or placeholder. */
async function quickInputAsking(page, what, timeout = 30000) {
  const widget = page.locator('.quick-input-widget');
  await until(`a quick input asking '${what}'`, async () => (await widget.isVisible())
    && ((await widget.locator('.quick-input-title, .quick-input-message').filter({ hasText: what }).count()) > 0
      || ((await widget.locator('input.input').getAttribute('placeholder')) || '').includes(what)
      || ((await widget.locator('input.input').getAttribute('aria-label')) || '').includes(what)), timeout);
}

/** Opens a workspace file with Quick Open (Ctrl+P). */
async function openFile(page, relativePath) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: path.basename(relativePath) }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(relativePath) }).waitFor({ timeout: 15000 });
}

/** Answers VS Code's own file dialog (a quick input in the browser) with a path, as a person typing it would. */
async function answerFileDialog(page, title, file) {
  await quickInputAsking(page, title);
  const input = page.locator('.quick-input-widget input.input');
  const titled = page.locator('.quick-input-widget .quick-input-title', { hasText: title });
  // the dialog fills in its folder once it has read it, which can overwrite what was typed before: type again until it holds
  await until(`the dialog to take ${file}`, async () => {
    if (!(await titled.isVisible())) return true;
    if ((await input.inputValue()) !== file) await input.fill(file);
    await page.waitForTimeout(500);
    if ((await input.inputValue()) === file && (await titled.isVisible())) await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    return !(await titled.isVisible());
  }, 20000);
}

/** Text of the active editor's visible lines (non-breaking spaces made plain). */
const editorText = (page) => page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().innerText()
  .then((t) => t.replace(/\u00a0/g, ' '));

/** The Output panel shows `text` (the log channel it opened; its long lines wrap). */
async function outputShows(page, what, text) {
  const lines = page.locator('.part.panel .monaco-editor .view-lines').first();
  let shown = '';
  await until(what, async () => (shown = (await lines.innerText()).replace(/\u00a0/g, ' ')).replace(/\n/g, '').includes(text), 30000)
    .catch((error) => { throw new Error(`${error.message}; it shows: ${JSON.stringify(shown.slice(-600))}`); });
}

module.exports = { until, watchLenses, lensesSettled, runCommand, quickInputAsking, openFile, answerFileDialog, editorText, outputShows };
