// Run Shell Command from the palette: the host picker, the command, its options, the terminal, progress and recent runs.
const os = require('os');
const { until, runCommand, quickInputAsking, editorText } = require('../workbench');
const { pickHost, typeCommand, terminalShows } = require('../runFlow');

// $(hostname) is what VS Code would read as an icon
const GREETING_COMMAND = 'echo "greeting: $GREETING" $(hostname)';

/** A command on web-1 into a pyinfra terminal, typed text taken as is, options, progress, cancel, recent runs. */
async function runParts({ page, part, shoot }) {
  const run = await part(page, 'run', [
    ['"pyinfra: Run Shell Command…" asks for hosts', async () => {
      await runCommand(page, 'pyinfra: Run Shell Command…');
      await quickInputAsking(page, 'Select hosts');
    }],
    ['picking web-1 and typing the command', async () => {
      await pickHost(page, 'web-1');
      await typeCommand(page, 'echo hello-from-e2e');
    }],
    ['a pyinfra terminal shows [web-1] hello-from-e2e and the summary', async () => {
      // one terminal: its title is in the panel's title bar; more: in the tab list
      await page.locator('.single-terminal-tab, .terminal-tabs-entry', { hasText: /^\s*pyinfra/ }).first().waitFor({ timeout: 30000 });
      await terminalShows(page, '[web-1] hello-from-e2e and a summary with "succeeded"', (text) => /\[web-1\]\s*hello-from-e2e/.test(text) && /succeeded/.test(text));
    }],
    ['typed text is the command even when it reads "Run Options"; the summary gives its exit code', async () => {
      await runCommand(page, 'pyinfra: Run Shell Command…');
      await pickHost(page, 'web-1');
      await typeCommand(page, 'Run Options');
      await terminalShows(page, 'Run Options run as a command on web-1, and failed', (text) => /\$ Run Options/.test(text) && /\[web-1\].*Run: (command )?not found/.test(text) && /web-1\s+✘ failed: exit 127/.test(text) && /0 succeeded, 1 failed/.test(text));
    }],
    ['the title bar\'s gear sets GREETING="hi there" and keeps the typed command', async () => {
      await runCommand(page, 'pyinfra: Run Shell Command…');
      await pickHost(page, 'web-1');
      await quickInputAsking(page, 'Command to run');
      const input = page.locator('.quick-input-widget input.input');
      await input.fill(GREETING_COMMAND);
      await page.locator('.quick-input-widget .quick-input-titlebar .action-label[aria-label*="Run Options"], .quick-input-widget .quick-input-titlebar .action-label[title*="Run Options"]').first().click();
      await quickInputAsking(page, 'Change an option');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Environment' }).first().click();
      await quickInputAsking(page, 'Environment variables');
      await input.fill('GREETING="hi there"');
      await page.keyboard.press('Enter');
      await quickInputAsking(page, 'Change an option');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'GREETING' }).first().waitFor({ timeout: 10000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Done' }).first().click();
      await quickInputAsking(page, 'Command to run');
      await until('the typed command kept after the options', async () => (await input.inputValue()) === GREETING_COMMAND, 10000);
      await page.keyboard.press('Enter');
    }],
    ['the terminal shows the active options and the quoted value, its name keeps $(…)', async () => {
      await terminalShows(page, `the options line and [web-1] greeting: hi there ${os.hostname()}`, (text) => /options: env GREETING/.test(text) && text.includes(`[web-1] greeting: hi there ${os.hostname()}`));
      const title = (await page.locator('.single-terminal-tab, .terminal-tabs-entry').first().innerText()).replace(/\u200b/g, '');
      if (!title.includes(' $(hostname)')) throw new Error(`the terminal's name is '${title}'`);
    }],
    ['the recent commands list $(…) as typed', async () => {
      await runCommand(page, 'pyinfra: Run Shell Command…');
      await pickHost(page, 'web-1');
      await quickInputAsking(page, 'Command to run');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'greeting' }).first();
      await row.waitFor({ timeout: 10000 });
      const label = (await row.locator('.label-name').innerText()).replace(/\u200b/g, '');
      if (label.trim() !== GREETING_COMMAND) throw new Error(`the recent command reads '${label}'`);
      await page.keyboard.press('Escape');
    }],
  ]);
  if (run) await shoot(page, 'screenshot-run.png');

  await part(page, 'progress', [
    ['a long command shows its progress in the status bar, and every run used one terminal', async () => {
      await runCommand(page, 'pyinfra: Run Shell Command…');
      await pickHost(page, 'web-1');
      await typeCommand(page, 'sleep 300'); // ended by the Ctrl+C below alone, however slow the machine
      await page.locator('.statusbar-item', { hasText: /0\/1 hosts finished/ }).first().waitFor({ timeout: 30000 });
      if ((await page.locator('.terminal-tabs-entry').count()) > 1) throw new Error('a run opened another terminal');
      await shoot(page, 'screenshot-progress.png');
    }],
    ['Ctrl+C in the terminal cancels and names the cancelled host', async () => {
      await page.locator('.terminal-wrapper.active .xterm').click();
      await page.keyboard.press('Control+C');
      await terminalShows(page, 'web-1 cancelled in the summary', (text) => /web-1\s+■ cancelled/.test(text) && /0 succeeded, 0 failed, 1 cancelled/.test(text));
    }],
  ]);

  await part(page, 'recent-runs', [
    ['"pyinfra: Show Recent Runs…" reopens the output and summary of a run', async () => {
      await runCommand(page, 'pyinfra: Show Recent Runs…');
      await quickInputAsking(page, 'Show the output and summary of a run');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hello-from-e2e' }).first().click();
      let text = '';
      await until('[web-1] hello-from-e2e and its summary in an editor', async () => /\[web-1\] hello-from-e2e/.test(text = await editorText(page)) && /1 succeeded, 0 failed/.test(text))
        .catch((error) => { throw new Error(`${error.message}; it shows: ${JSON.stringify(text.slice(-400))}`); });
      await page.keyboard.press('Control+W');
    }],
  ]);
}

module.exports = { runParts };
