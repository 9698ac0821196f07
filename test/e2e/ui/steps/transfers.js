// Transfers that fail: an upload into a remote folder that does not exist, a download of a missing file.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runCommand, quickInputAsking, answerFileDialog, outputShows } = require('../workbench');
const { pickHost } = require('../runFlow');
const { toast, clickToastButton, clickNotificationButton } = require('../notifications');

/** Each failure toasts with Show Log and Retry; Retry fails again, Show Log opens the log at the failure. */
async function transferParts({ page, part, opts }) {
  const local = path.join(opts.folder, 'README.md');
  const missingRemote = '/nonexistent-pck-e2e/README.md';
  const uploadFailed = `Upload ${local} to ${missingRemote} on web-1 failed on 1 of 1 hosts`;
  const downloadTo = path.join(os.tmpdir(), `pck-e2e-download-${process.pid}.txt`);
  await part(page, 'transfer-errors', [
    ['a failed upload says so with "Show Log" and "Retry"', async () => {
      await runCommand(page, 'pyinfra: Upload File…');
      await pickHost(page, 'web-1');
      await answerFileDialog(page, 'Upload to web-1', local);
      await quickInputAsking(page, 'Remote path');
      await page.locator('.quick-input-widget input.input').fill(missingRemote);
      await page.keyboard.press('Enter');
      await toast(page, uploadFailed).locator('.monaco-button', { hasText: 'Show Log' }).first().waitFor({ timeout: 60000 });
    }],
    ['"Retry" uploads again, and it fails again; "Show Log" opens the log at the failure', async () => {
      await clickToastButton(page, uploadFailed, 'Retry');
      // the old notification was answered and closed: this one is the retry's
      await clickNotificationButton(page, uploadFailed, 'Show Log');
      await outputShows(page, 'the upload\'s failure in the log', uploadFailed);
    }],
    ['a failed download says so with "Show Log" and "Retry"', async () => {
      await runCommand(page, 'pyinfra: Download File…');
      await quickInputAsking(page, 'Select hosts');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*web-1/ }).first().click();
      await quickInputAsking(page, 'Remote path');
      await page.locator('.quick-input-widget input.input').fill(missingRemote);
      await page.keyboard.press('Enter');
      await answerFileDialog(page, 'Save README.md from web-1', downloadTo);
      const failed = `Download ${missingRemote} from web-1 to ${downloadTo} failed`;
      await clickToastButton(page, failed, 'Retry');
      await clickNotificationButton(page, failed, 'Show Log');
      await outputShows(page, 'the download\'s failure in the log', failed);
      if (fs.existsSync(downloadTo)) throw new Error(`the failed download left ${downloadTo}`);
    }],
  ]);
}

module.exports = { transferParts };
