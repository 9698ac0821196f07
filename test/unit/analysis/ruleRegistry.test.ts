// The rule registry is the one statement of each rule: the README's table and the SARIF rule metadata are
// generated from it, and every registered rule is reachable from the analysis.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { formatDiagnostics } from '../../../src/core/analysis/formatDiagnostics';
import { RULES, rulesTable, severityOf } from '../../../src/core/analysis/rules/registry';
import { repoRoot } from './corpus';

describe('rule registry', () => {
  it('the README rule table is the one generated from the registry', () => {
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    const start = readme.indexOf('| code | severity | flags | quick fix |');
    assert.ok(start >= 0, 'README has no rule table');
    const end = readme.indexOf('\n\n', start);
    const table = readme.slice(start, end < 0 ? undefined : end);
    assert.equal(table, rulesTable(), `README.md's rule table differs from the registry; replace it with:\n${rulesTable()}`);
  });

  it('SARIF lists every rule with its title, documentation and severity', () => {
    for (const rule of RULES) assert.match(rule.title, /^\S[^\n]*$/, `${rule.code} has a one-line title`);
    const sarif = JSON.parse(formatDiagnostics([], 'sarif', '/'));
    assert.deepEqual(sarif.runs[0].tool.driver.rules, RULES.map((rule) => ({
      id: rule.code,
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.documentation },
      defaultConfiguration: { level: rule.severity },
    })));
  });

  it('codes are unique and in order; an unregistered code is an error, not a guess', () => {
    const codes = RULES.map((rule) => rule.code);
    assert.deepEqual(codes, [...new Set(codes)].sort());
    assert.equal(severityOf('PCK002'), 'error');
    assert.throws(() => severityOf('PCK999'), /no rule PCK999/);
  });
});
