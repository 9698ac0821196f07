// node summarize.js PARTS_FILE SUMMARY_JSON
// Sums the parts of an e2e run into one summary. PARTS_FILE has a line per part: `name<TAB>results.json<TAB>exit code`.
// A results file holds { passed: [], failed: [{title, error}], pending | skipped: [], error? } (the extension-host
// runner's and the UI scenario's shape). A part that exited non-zero without recording a failure counts as one.
const fs = require('fs');

const [partsFile, summaryFile] = process.argv.slice(2);
const summary = { passed: 0, failed: 0, skipped: 0, parts: [] };

for (const line of fs.readFileSync(partsFile, 'utf8').split('\n').filter(Boolean)) {
  const [name, resultsFile, exitCode] = line.split('\t');
  const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
  const failed = (results.failed || []).map((f) => `${f.title}: ${String(f.error).replace(/\s*\n\s*/g, ' ')}`);
  if (results.error) failed.push(`(runner) ${results.error.split('\n')[0]}`);
  if (failed.length === 0 && exitCode !== '0') failed.push(`(${name}) exited with code ${exitCode}${fs.existsSync(resultsFile) ? '' : ' before writing its results'}`);
  if (failed.length === 0 && !fs.existsSync(resultsFile)) failed.push(`(${name}) wrote no results`);
  const part = { name, passed: (results.passed || []).length, failed: failed.length, skipped: (results.pending || results.skipped || []).length };
  summary.parts.push({ ...part, failures: failed });
  summary.passed += part.passed;
  summary.failed += part.failed;
  summary.skipped += part.skipped;
  console.log(`${name}: ${part.passed} passed, ${part.failed} failed, ${part.skipped} skipped`);
  for (const failure of failed) console.log(`  FAILED ${failure}`);
}

fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 2));
if (summary.skipped > 0) console.log(`${summary.skipped} skipped`);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed > 0 ? 1 : 0);
