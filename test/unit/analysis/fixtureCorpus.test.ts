// The fixture corpus: every `# expect:` marker is reported, and nothing else is.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { analyzeFiles, Diagnostic } from '../../../src/core/analysis';
import { RULES } from '../../../src/core/analysis/rules/registry';
import { expectedMarkers, lintFixtures, walkLintable } from './corpus';

function reported(diagnostics: Diagnostic[], root: string): string[] {
  return diagnostics.map((d) => `${path.relative(root, d.file)}:${d.range.start.line + 1} ${d.code}`).sort();
}

async function lintDirectory(root: string): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files = walkLintable(root);
  const diagnostics = await analyzeFiles(files.map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') })));
  return { files, diagnostics };
}

describe('fixture corpus', () => {
  for (const name of ['single', 'project']) {
    it(`${name}: reports exactly the expected diagnostics`, async () => {
      const root = path.join(lintFixtures(), name);
      const { files, diagnostics } = await lintDirectory(root);
      assert.deepEqual(reported(diagnostics, root), expectedMarkers(files, root));
    });
  }

  it('hits every rule at least once, with its documented severity', async () => {
    const all: Diagnostic[] = [];
    for (const name of ['single', 'project']) all.push(...(await lintDirectory(path.join(lintFixtures(), name))).diagnostics);
    for (const rule of RULES) {
      const hits = all.filter((d) => d.code === rule.code);
      assert.ok(hits.length > 0, `${rule.code} is never hit`);
      assert.ok(hits.every((d) => d.severity === rule.severity), `${rule.code} severity`);
    }
  });

  it('each single-file fixture is also right on its own (no help from other files)', async () => {
    const root = path.join(lintFixtures(), 'single');
    for (const file of walkLintable(root)) {
      const diagnostics = await analyzeFiles([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
      assert.deepEqual(reported(diagnostics, root), expectedMarkers([file], root), path.basename(file));
    }
  });
});
