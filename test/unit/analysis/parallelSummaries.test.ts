// A cold lint on worker threads summarises exactly as the main thread does.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { prepareFiles, prepareInParallel } from '../../../src/core/analysis/parallelSummaries';
import { lintFixtures, repoRoot, walkLintable } from './corpus';

const workerScript = path.join(repoRoot(), 'dist', 'lintWorker.js');

describe('summaries on worker threads', { skip: fs.existsSync(workerScript) ? false : 'build first: node esbuild.js' }, () => {
  it('equal the main thread\'s, file for file, in the given order', async () => {
    const files = walkLintable(lintFixtures());
    const parallel = await prepareInParallel(files, 3, workerScript);
    assert.deepEqual(parallel.map((p) => p.file), files);
    assert.deepEqual(parallel, await prepareFiles(files));
    assert.ok(parallel.filter((p) => p.summary).length > 10, 'most fixtures are parsed');
  });
});
