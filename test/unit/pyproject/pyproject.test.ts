// pyproject.toml through the TOML parser: entry points read with their positions, and the one edit
// (quick fix and scaffold) changing nothing but the entry it adds. Python's own tomllib checks the result.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { applyChange, entryPointEdit, parseEntryPoints, type TextChange } from '../../../src/core/analysis/pyproject';
import { connectorPyproject } from '../../../src/core/scaffold/connectorTemplate';
import { VENV_PYTHON } from '../../support/paths';

/** What Python reads as the pyinfra.connectors entry points of this text (pip and pyinfra read the same). */
function pythonEntryPoints(text: string): Record<string, string> {
  const script = `import json, sys, tomllib
d = tomllib.loads(sys.stdin.read())
print(json.dumps({**d.get("project", {}).get("entry-points", {}).get("pyinfra.connectors", {}), **d.get("tool", {}).get("poetry", {}).get("plugins", {}).get("pyinfra.connectors", {})}))`;
  return JSON.parse(execFileSync(VENV_PYTHON, ['-c', script], { input: text, encoding: 'utf8' }));
}

function edited(text: string, name = 'added', value = 'pkg.added:Added'): string {
  const change = entryPointEdit(text, name, value);
  assert.ok(!('error' in change), 'error' in change ? change.error : '');
  return applyChange(text, change as TextChange);
}

const COMMENTED = `# the project
[project]
name = "acme"   # keep this comment
dependencies = [
  "pyinfra>=3",  # and this one
]

[project.entry-points."pyinfra.connectors"]  # registered connectors
# cloud first
cloud = "acme.cloud:CloudConnector"
'dc-2' = 'acme.dc:DcConnector'

[tool.other]
x = 1
`;

describe('entry points read by the TOML parser', () => {
  it('finds each entry on its own range, either quote style, keys quoted or bare', () => {
    const table = parseEntryPoints('/ws/pyproject.toml', COMMENTED);
    assert.equal(table.error, undefined);
    assert.deepEqual(table.entries.map((e) => [e.name, e.module, e.className, e.range]), [
      ['cloud', 'acme.cloud', 'CloudConnector', { start: { line: 9, character: 0 }, end: { line: 9, character: 35 } }],
      ['dc-2', 'acme.dc', 'DcConnector', { start: { line: 10, character: 0 }, end: { line: 10, character: 30 } }],
    ]);
  });

  it('reads the inline-table form, each entry on its line and column', () => {
    const text = `[project.entry-points]\nother = { x = "o:X" }\n"pyinfra.connectors" = { a = "m.a:A", b = "m.b:B" }\n`;
    const { entries } = parseEntryPoints('/ws/pyproject.toml', text);
    assert.deepEqual(entries.map((e) => [e.name, e.value, e.range.start, e.range.end]), [
      ['a', 'm.a:A', { line: 2, character: 25 }, { line: 2, character: 36 }],
      ['b', 'm.b:B', { line: 2, character: 38 }, { line: 2, character: 49 }],
    ]);
  });

  it('reads dotted keys, Poetry plugins and escapes as TOML defines them', () => {
    const text = `[project]\nentry-points."pyinfra.connectors".dot = "m:Dot"\n[tool.poetry.plugins."pyinfra.connectors"]\npo = "m:\\u0050o"\n`;
    assert.deepEqual(parseEntryPoints('/ws/pyproject.toml', text).entries.map((e) => [e.name, e.value]), [['dot', 'm:Dot'], ['po', 'm:Po']]);
    assert.deepEqual(pythonEntryPoints(text), { dot: 'm:Dot', po: 'm:Po' });
  });

  it('yields no entries for a half-written file, and says why', () => {
    const table = parseEntryPoints('/ws/pyproject.toml', `[project.entry-points."pyinfra.connectors"]\ncloud = "acme.cloud:Cloud`);
    assert.deepEqual(table.entries, []);
    assert.ok(table.error);
  });
});

describe('entryPointEdit keeps the file as it was', () => {
  it('adds one line below the table header, every comment, quote and blank line untouched', () => {
    const after = edited(COMMENTED);
    const lines = COMMENTED.split('\n');
    lines.splice(8, 0, "added = 'pkg.added:Added'");
    assert.equal(after, lines.join('\n'));
    assert.deepEqual(pythonEntryPoints(after), { cloud: 'acme.cloud:CloudConnector', 'dc-2': 'acme.dc:DcConnector', added: 'pkg.added:Added' });
  });

  it('extends an inline table in place, the comment after it kept', () => {
    const text = `[project.entry-points]\n"pyinfra.connectors" = { a = "m.a:A" }  # inline\n`;
    assert.equal(edited(text), `[project.entry-points]\n"pyinfra.connectors" = { a = "m.a:A", added = 'pkg.added:Added' }  # inline\n`);
    assert.equal(edited(`[project.entry-points]\n"pyinfra.connectors" = {}\n`), `[project.entry-points]\n"pyinfra.connectors" = { added = 'pkg.added:Added' }\n`);
    assert.deepEqual(pythonEntryPoints(edited(text)), { a: 'm.a:A', added: 'pkg.added:Added' });
  });

  it('adds the table at the end when there is none, valid beside other entry-point groups', () => {
    const text = `[project]\nname = "x"\n\n[project.entry-points.console_scripts]\nx = "x:main"`;
    const after = edited(text);
    assert.equal(after, `${text}\n\n[project.entry-points.'pyinfra.connectors']\nadded = 'pkg.added:Added'\n`);
    assert.deepEqual(pythonEntryPoints(after), { added: 'pkg.added:Added' });
    assert.equal(edited(''), `[project.entry-points.'pyinfra.connectors']\nadded = 'pkg.added:Added'\n`);
  });

  it('refuses a file that is not TOML instead of making it worse', () => {
    const change = entryPointEdit('[project\nname = "x"\n', 'a', 'm:A');
    assert.ok('error' in change && /pyproject\.toml is not valid TOML/.test(change.error));
    assert.throws(() => connectorPyproject('[project\n', { projectName: 'x', entryPoint: 'a', value: 'm:A' }), /pyproject\.toml is not valid TOML/);
  });

  it('writes a new pyproject.toml that Python reads', () => {
    const text = connectorPyproject(undefined, { projectName: 'made', entryPoint: 'made', value: 'pkg.made:MadeConnector' });
    assert.deepEqual(pythonEntryPoints(text), { made: 'pkg.made:MadeConnector' });
  });
});
