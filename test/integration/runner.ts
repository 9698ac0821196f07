// Runs mocha suites inside the extension host of a real VS Code and records what happened.
// Mocha is not bundled (esbuild marks it external): it is loaded from the repository's node_modules at run time.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface SuiteRunOptions {
  /** Folder holding the bundled `*.test.js` files. */
  suiteDir: string;
  /** Which test files (by file name) take part in this run. */
  include: (fileName: string) => boolean;
  /** Where to write the results as JSON; nothing is written when undefined. */
  resultFile?: string;
  /** Only tests whose full title matches this pattern. */
  grep?: string;
}

export interface SuiteResults {
  files: string[];
  passed: { title: string; durationMs?: number }[];
  failed: { title: string; error: string; stack?: string }[];
  pending: { title: string }[];
  start: string;
  end?: string;
  /** A failure outside any test: no files, a file that does not load, a crash of the runner. */
  error?: string;
}

/** Resolves when every test passed; rejects otherwise (the `extensionTestsPath` contract of VS Code). */
export function runSuites(options: SuiteRunOptions): Promise<void> {
  const results: SuiteResults = { files: [], passed: [], failed: [], pending: [], start: new Date().toISOString() };
  const finish = (error?: unknown): void => {
    results.end = new Date().toISOString();
    if (error !== undefined) results.error = error instanceof Error ? error.stack ?? error.message : String(error);
    if (options.resultFile) {
      fs.mkdirSync(path.dirname(options.resultFile), { recursive: true });
      fs.writeFileSync(options.resultFile, JSON.stringify(results, null, 2));
    }
    console.log(`${results.passed.length} passed, ${results.failed.length + (results.error ? 1 : 0)} failed`);
    if (results.pending.length > 0) console.log(`${results.pending.length} skipped`);
  };

  return new Promise<void>((resolve, reject) => {
    try {
      results.files = fs.readdirSync(options.suiteDir)
        .filter((name) => name.endsWith('.test.js') && options.include(name))
        .sort();
      if (results.files.length === 0) throw new Error(`no test files selected in ${options.suiteDir}`);
      const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, grep: options.grep });
      for (const name of results.files) mocha.addFile(path.join(options.suiteDir, name));
      const runner = mocha.run((failures) => {
        finish();
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => results.passed.push({ title: test.fullTitle(), durationMs: test.duration }));
      runner.on('pending', (test) => results.pending.push({ title: test.fullTitle() }));
      runner.on('fail', (test, error: Error) => results.failed.push({ title: test.fullTitle(), error: String(error?.message ?? error), stack: error?.stack }));
    } catch (error) {
      finish(error);
      reject(error);
    }
  });
}
