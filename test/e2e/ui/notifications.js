// Notifications: toasts and their buttons, and the notification center for a message code-server did not toast again.
const { runCommand } = require('./workbench');

/** A notification toast holding this text; its buttons are `.monaco-button`s. */
// only shown toasts: a closed one can stay in the DOM, hidden, before the same message's next toast
const toast = (page, text) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).filter({ visible: true });

/** Clicks a toast's button and waits until the toast is gone, so a toast with the same text later is a new one. */
async function clickToastButton(page, text, button) {
  const shown = toast(page, text).first();
  await shown.waitFor({ timeout: 60000 });
  const handle = await shown.elementHandle();
  await shown.locator('.monaco-button', { hasText: button }).first().click();
  await handle.waitForElementState('hidden', { timeout: 15000 });
}

/**
 * Clicks `button` of the notification saying `text`: on its toast, or else on its row in the notification
 * center (code-server does not always toast a message again that was just shown and answered), which is
 * then hidden again so that later toasts show.
 */
async function clickNotificationButton(page, text, button) {
  const shown = toast(page, text).first();
  const toasted = await shown.waitFor({ timeout: 15000 }).then(() => true, () => false);
  if (toasted) return clickToastButton(page, text, button);
  await runCommand(page, 'Notifications: Show Notifications');
  const row = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  await row.waitFor({ timeout: 45000 });
  await row.locator('.monaco-button', { hasText: button }).first().click();
  await row.waitFor({ state: 'detached', timeout: 15000 });
  await page.keyboard.press('Escape');
  await page.locator('.notifications-center').first().waitFor({ state: 'hidden', timeout: 15000 }).catch(() => undefined);
}

module.exports = { toast, clickToastButton, clickNotificationButton };
