// A scenario's parts: steps run in order and counted in `results`; after a failing step the rest of its part is
// skipped. A screenshot lands in --shots only when its part passed, else (of the failure) in --failed-shots.
const path = require('path');
const { stamp } = require('../args');

const log = stamp('ui');

function scenarioParts(opts, results) {
  /** Runs the steps of one part in order; after a failing step, the rest of the part is skipped. */
  async function part(page, name, steps) {
    let failure;
    for (const [title, step] of steps) {
      const label = `${name}: ${title}`;
      if (failure) {
        results.skipped.push({ title: label, reason: `after the failure of '${failure}'` });
        log(`SKIP ${label}`);
        continue;
      }
      const started = Date.now();
      try {
        await step();
        results.passed.push({ title: label, durationMs: Date.now() - started });
        log(`PASS ${label} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (error) {
        failure = title;
        results.failed.push({ title: label, error: error.message.split('\n')[0] });
        log(`FAIL ${label} (${((Date.now() - started) / 1000).toFixed(1)}s): ${error.message.split('\n')[0]}`);
        const shot = path.join(opts['failed-shots'], `${name.replace(/\W+/g, '-')}.png`);
        await page.screenshot({ path: shot }).then(() => log(`screenshot of the failure: ${shot}`), () => {});
        await page.keyboard.press('Escape').catch(() => {}); // leave no quick input open for the next part
      }
    }
    return !failure;
  }

  async function shoot(page, name) {
    await page.mouse.move(700, 450); // no hover tooltip in the picture
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(opts.shots, name) });
  }

  return { part, shoot };
}

module.exports = { scenarioParts };
