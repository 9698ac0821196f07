// Entry loaded by VS Code as `extensionTestsPath` (code-server in test/e2e/run.sh, or @vscode/test-electron in
// runDesktop.ts): `run()` settles when the suites are done, resolved when all passed.
//   E2E_RESULT_FILE    where to write the results as JSON (passed / failed / pending titles and errors)
//   E2E_SUITE_FILTER   a pattern on the test file names to run instead of the default selection
//   E2E_GREP           only the tests whose full title matches this pattern
import * as path from 'path';
import { runSuites } from './runner';

// restricted*.test.js expect an untrusted workspace: they run only in the Restricted Mode pass (E2E_SUITE_FILTER=restricted)
const RESTRICTED_SUITE = /^restricted/;

export function run(): Promise<void> {
  const filter = process.env.E2E_SUITE_FILTER;
  const pattern = filter ? new RegExp(filter) : undefined;
  return runSuites({
    suiteDir: path.join(__dirname, 'suite'),
    include: (fileName) => (pattern ? pattern.test(fileName) : !RESTRICTED_SUITE.test(fileName)),
    resultFile: process.env.E2E_RESULT_FILE || undefined,
    grep: process.env.E2E_GREP || undefined,
  });
}
