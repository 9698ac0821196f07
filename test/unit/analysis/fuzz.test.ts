// Fuzzing: 5,000+ mutated and truncated connector sources through the whole analysis. None may throw;
// slow ones are counted and printed, not asserted (timing asserts are flaky on a shared machine).
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import { lintFixtures, walkLintable } from './corpus';

const SNIPPETS = ['(', ')', ':', '\n', '    ', '@staticmethod\n', 'def ', 'class ', '"""', "f'{", '**', ', ', 'BaseConnector', '\t', '#', '\\', 'é😀', 'handles_execution = True\n'];

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  switch (Math.floor(next() * 5)) {
    case 0: return text.slice(0, at); // truncated while typing
    case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 40));
    case 2: return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + text.slice(at);
    case 3: {
      const other = Math.floor(next() * text.length);
      return text.slice(0, Math.min(at, other)) + text.slice(Math.max(at, other)) + text.slice(Math.min(at, other), Math.max(at, other));
    }
    default: return text.replace(/\n/g, () => (next() < 0.05 ? '\n  ' : '\n'));
  }
}

describe('fuzz', () => {
  it('survives 5,000 mutated and truncated connector sources', async () => {
    const sources = walkLintable(lintFixtures()).filter((f) => f.endsWith('.py')).map((f) => fs.readFileSync(f, 'utf8'));
    const index = await WorkspaceIndex.create(() => undefined);
    const file = path.resolve('/fuzz/pkg/conn.py');
    const pyproject = path.resolve('/fuzz/pyproject.toml');
    const next = random(20261123);
    let slow = 0;
    let worst = 0;
    const runs = 5000;
    for (let run = 0; run < runs; run++) {
      let text = sources[run % sources.length];
      const rounds = 1 + Math.floor(next() * 4);
      for (let i = 0; i < rounds; i++) text = mutate(text, next);
      const started = performance.now();
      try {
        if (run % 2 === 0) index.setFile(file, text);
        else index.openDocument(file, text);
        if (run % 50 === 0) index.setFile(pyproject, `[project.entry-points.'pyinfra.connectors']\nx = 'pkg.conn:${text.slice(0, 20).replace(/\W/g, '')}'\n`);
        index.diagnostics();
        index.listConnectorClasses();
      } catch (error) {
        assert.fail(`run ${run} threw ${String(error)} on:\n${text}`);
      }
      const elapsed = performance.now() - started;
      worst = Math.max(worst, elapsed);
      if (elapsed > 1000) slow++;
    }
    console.log(`fuzz: ${runs} sources, ${slow} over 1 s, slowest ${worst.toFixed(1)} ms`);
  });
});
