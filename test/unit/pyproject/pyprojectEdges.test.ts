// pyproject.toml's edges: entry points as top-level dotted keys, values with spaces and extras, values
// that are not strings; the edits' exact text for several lines, an empty inline table, a blank file;
// pyprojectValues' error; the entry-point name offered for a class.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChange, entryPointName, parseEntryPoints, pyprojectValues, tableEdit, type TextChange } from '../../../src/core/analysis/pyproject';

const GROUP = ['project', 'entry-points', 'pyinfra.connectors'];
const entries = (text: string) => parseEntryPoints('/p/pyproject.toml', text).entries.map(({ name, value, module, className, range }) => ({
  name, value, module, className, line: range.start.line,
}));
const edited = (text: string, lines: string[]) => applyChange(text, tableEdit(text, [GROUP], lines) as TextChange);

describe('pyproject.toml entry points at the edges', () => {
  it('reads top-level dotted keys and tables together, in order', () => {
    const text = 'project.entry-points."pyinfra.connectors".top = "top_mod:Top"\n\n[tool.poetry.plugins."pyinfra.connectors"]\npoetry = "p_mod:P"\n';
    assert.deepEqual(entries(text), [
      { name: 'top', value: 'top_mod:Top', module: 'top_mod', className: 'Top', line: 0 },
      { name: 'poetry', value: 'p_mod:P', module: 'p_mod', className: 'P', line: 3 },
    ]);
  });

  it('trims the value around the module and the class, and drops extras after the class', () => {
    const text = '[project.entry-points."pyinfra.connectors"]\nspaced = "  pkg.mod : Conn  "\nextras = "pkg.mod:Conn [cloud]"\nbare = " pkg.old "\n';
    assert.deepEqual(entries(text), [
      { name: 'spaced', value: 'pkg.mod : Conn', module: 'pkg.mod', className: 'Conn', line: 1 },
      { name: 'extras', value: 'pkg.mod:Conn [cloud]', module: 'pkg.mod', className: 'Conn', line: 2 },
      { name: 'bare', value: 'pkg.old', module: 'pkg.old', className: undefined, line: 3 },
    ]);
  });

  it('skips values that are not strings, and keys outside the groups', () => {
    const text = '[project]\nname = "demo"\n\n[project.entry-points."pyinfra.connectors"]\nnumber = 1\nlisted = ["m:C"]\nflag = true\nreal = "m:C"\n';
    assert.deepEqual(entries(text).map((e) => e.name), ['real']);
  });
});

describe('pyproject.toml edits at the edges', () => {
  it('adds several lines below the header, or to an inline table, each as its own entry', () => {
    assert.equal(edited('[project.entry-points."pyinfra.connectors"]\nold = "o:O"\n', ['a = "m:A"', 'b = "m:B"']),
      '[project.entry-points."pyinfra.connectors"]\na = "m:A"\nb = "m:B"\nold = "o:O"\n');
    assert.equal(edited('[project.entry-points]\n"pyinfra.connectors" = { old = "o:O" }\n', ['a = "m:A"', 'b = "m:B"']),
      '[project.entry-points]\n"pyinfra.connectors" = { old = "o:O", a = "m:A", b = "m:B" }\n');
  });

  it('fills an empty inline table', () => {
    assert.equal(edited('[project.entry-points]\n"pyinfra.connectors" = {}\n', ['a = "m:A"', 'b = "m:B"']),
      '[project.entry-points]\n"pyinfra.connectors" = { a = "m:A", b = "m:B" }\n');
  });

  it('writes the table alone into a blank file, after a blank line otherwise', () => {
    assert.equal(edited('\n\n', ['a = "m:A"']), "\n\n[project.entry-points.'pyinfra.connectors']\na = \"m:A\"\n");
    assert.equal(edited('', ['a = "m:A"']), "[project.entry-points.'pyinfra.connectors']\na = \"m:A\"\n");
    assert.equal(edited('[project]\nname = "x"', ['a = "m:A"']), "[project]\nname = \"x\"\n\n[project.entry-points.'pyinfra.connectors']\na = \"m:A\"\n");
  });

  it('pyprojectValues: the values, or why the file is not TOML', () => {
    assert.deepEqual(pyprojectValues('[project]\nname = "x"\n'), { project: { name: 'x' } });
    const broken = pyprojectValues('[project\n');
    assert.match(String((broken as { error: string }).error), /^pyproject\.toml is not valid TOML \(.+\); fix it first$/);
  });
});

describe('entryPointName', () => {
  it('snake case without a trailing Connector, acronyms kept together', () => {
    const cases: [string, string][] = [
      ['MyCloudConnector', 'my_cloud'], ['Connector', 'connector'], ['ConnectorPool', 'connector_pool'], ['HTTPServerConnector', 'http_server'],
      ['AWSConnector', 'aws'], ['Ec2Host', 'ec2_host'], ['simple', 'simple'],
    ];
    for (const [className, expected] of cases) assert.equal(entryPointName(className), expected, className);
  });
});
