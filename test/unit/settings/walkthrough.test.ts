import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../../support/paths';

const BUILT_IN = new Set(['workbench.actions.view.problems', 'editor.action.quickFix', 'pyinfraConnectors.inventory.focus']);

describe('walkthrough', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const [walkthrough] = manifest.contributes.walkthroughs;
  const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));

  it('goes interpreter, create, tree, run, lint, each page shipped in media/walkthrough', () => {
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['interpreter', 'create', 'inventory', 'run', 'lint']);
    for (const step of walkthrough.steps) {
      assert.match(step.media.markdown, /^media\/walkthrough\/.+\.md$/);
      assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
    }
  });

  it('links and completes on commands that exist', () => {
    for (const step of walkthrough.steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      const completing = (step.completionEvents ?? []).filter((e: string) => e.startsWith('onCommand:')).map((e: string) => e.slice('onCommand:'.length));
      for (const command of [...linked, ...completing]) assert.ok(commands.has(command) || BUILT_IN.has(command), `${step.id}: ${command}`);
    }
  });
});
