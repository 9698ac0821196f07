// Entry for bench/sidebar: runs the sidebar benchmark inside the extension host of a real VS Code.
import * as path from 'path';
import { runSuites } from '../runner';

export function run(): Promise<void> {
  return runSuites({
    suiteDir: __dirname,
    include: (fileName) => fileName === 'sidebar.test.js',
    resultFile: process.env.E2E_RESULT_FILE || path.join(__dirname, 'results.json'),
  });
}
