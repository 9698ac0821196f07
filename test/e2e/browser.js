// Debian's chromium driven headless by playwright-core, pointed at a code-server workbench.
const fs = require('fs');
const { chromium } = require('playwright-core');
const { workbenchUrl } = require('./workbench-url');

/** A browser with its own profile folder; `fresh` wipes it first (the trust decisions live in it). */
async function launch(profileDir, { fresh = true } = {}) {
  if (fresh) fs.rmSync(profileDir, { recursive: true, force: true });
  // launch() refuses a --user-data-dir argument: launchPersistentContext takes the profile folder instead
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Resolves once the workbench has restored its parts. */
async function workbenchReady(page, timeout = 60000) {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout });
  await page.locator('.monaco-workbench .activitybar').waitFor({ timeout });
}

/**
 * Answers VS Code's startup question "Do you trust the authors of the files in this folder?" the way a person
 * does, before anything else runs in that folder: opens it (no extension), clicks Yes (and the checkbox that
 * trusts the parent folder too, when `parent`), and waits until the browser profile holds the decision.
 * Workspace trust is decided in the browser: the trusted folders live in the profile's IndexedDB.
 */
async function trustFolder(page, base, folder, { parent = false } = {}) {
  await page.goto(workbenchUrl(base, { folder }));
  await workbenchReady(page);
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'trust the authors' });
  await dialog.waitFor({ timeout: 30000 });
  if (parent) await dialog.locator('.monaco-custom-toggle, .monaco-checkbox').first().click();
  await dialog.getByRole('button', { name: /Yes, I trust/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction((path) => new Promise((resolve) => {
    const open = indexedDB.open('vscode-web-state-db-global');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      try {
        const get = open.result.transaction('ItemTable').objectStore('ItemTable').get('content.trust.model.key');
        get.onsuccess = () => { open.result.close(); resolve(String(get.result || '').includes(path)); };
        get.onerror = () => { open.result.close(); resolve(false); };
      } catch { open.result.close(); resolve(false); }
    };
  }), parent ? require('path').dirname(folder) : folder, { timeout: 15000, polling: 250 });
}

module.exports = { launch, workbenchUrl, workbenchReady, trustFolder };
