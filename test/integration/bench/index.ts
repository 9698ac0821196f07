// Entry for the benchmarks that run inside the extension host of a real VS Code: PCK_BENCH_SUITE names
// the suite (sidebar, the default, or activation).
import * as path from 'path';
import { runSuites } from '../runner';

export function run(): Promise<void> {
  return runSuites({
    suiteDir: __dirname,
    include: (fileName) => fileName === `${process.env.PCK_BENCH_SUITE || 'sidebar'}.test.js`,
    resultFile: process.env.E2E_RESULT_FILE || path.join(__dirname, 'results.json'),
  });
}
