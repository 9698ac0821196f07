// Lazy body parsing: a closed file is parsed with the function bodies no summary reads blanked; its summary, and so
// every finding, is the one the whole parse gives, over the fixtures, pyinfra's own package and the standard library.
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import { blankFunctionBodies } from '../../../src/core/analysis/bodySkimmer';
import { skimmedText, summarizeClosedFile } from '../../../src/core/analysis/closedFileSummary';
import { lintableFiles } from '../../../src/core/analysis/lintableFiles';
import { ModuleSummary } from '../../../src/core/analysis/moduleSummary';
import { mentionsConnectorVocabulary } from '../../../src/core/analysis/prepass';
import { loadPythonParser, PythonParser } from '../../../src/core/analysis/pythonParser';
import { summarize } from '../../../src/core/analysis/summarize';
import { lintFixtures, pyinfraPackageDir } from './corpus';

const keepMakeNamesData = (name: string) => name === 'make_names_data';

function blanked(text: string): string {
  const skimmed = blankFunctionBodies(text, keepMakeNamesData);
  assert.ok(skimmed !== undefined, 'something is blanked');
  const result = skimmed.text;
  for (const [start, end] of skimmed.blanks) assert.match(result.slice(start - 3, end + 3), /^"""[ \n]*"""$/);
  assert.equal(result.length, text.length);
  assert.deepEqual(result.split('\n').map((line) => line.length), text.split('\n').map((line) => line.length), 'every line keeps its length');
  return result;
}

function fullSummary(parser: PythonParser, file: string, text: string): ModuleSummary {
  const tree = parser.parse(text);
  try {
    return summarize(file, text, tree);
  } finally {
    tree.delete();
  }
}

const visible = (text: string) => text.replace(/\s+/g, '').length;

function standardLibrary(): string | undefined {
  try {
    return execFileSync(fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

describe('the body skimmer', () => {
  it('turns an unread body into one string literal of the same extent, header and neighbours untouched', () => {
    const text = 'import os\n\n\ndef helper(a, b=(1, 2)) -> dict[str, int]:\n    x = {"k": a}\n    return x\n\n\nVALUE = 1\n';
    const result = blanked(text);
    assert.equal(result.slice(0, result.indexOf('"""')), text.slice(0, text.indexOf('    x')) + '    ');
    assert.match(result, /^ {4}""" +\n {4} +"""\n\n\nVALUE = 1\n$/m);
    assert.ok(result.endsWith('\n\n\nVALUE = 1\n'));
  });

  it('keeps make_names_data whole, with the functions it nests, and blanks the other methods', () => {
    const text = [
      'class C(BaseConnector):',
      '    @staticmethod',
      '    def make_names_data(name=None):',
      '        def inner():',
      '            return {"a": 1}',
      '        yield "h", {"ssh_port": 22}, []',
      '',
      '    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):',
      '        return True, command',
      '',
    ].join('\n');
    const result = blanked(text);
    assert.ok(result.includes('        def inner():\n            return {"a": 1}\n        yield "h"'));
    assert.ok(!result.includes('return True, command'));
    assert.ok(result.includes('def run_shell_command(self, command, print_output=False, print_input=False, **arguments):\n        """'));
  });

  it('reads through strings, f-strings, brackets, comments and continuation lines to find where a body ends', () => {
    const text = [
      'def a():',
      '    s = """',
      'def not_a_def():',
      '"""',
      '    t = f"{x["k"]:>{width}} {{literal}}" \'#\' r"\\"" # a comment with def in it',
      '    u = (1,',
      '2)',
      '    v = 1 + \\',
      '3',
      '  # a dedented comment does not end the body',
      '    return s',
      'def b(): return 1 + 2',
      'AFTER = 1',
      '',
    ].join('\n');
    const result = blanked(text);
    assert.ok(!result.includes('not_a_def') && !result.includes('return s') && !result.includes('return 1 + 2'));
    assert.ok(result.includes('\ndef b(): """      """\nAFTER = 1\n'));
  });

  it('declines what it does not model: tabs in indentation, an unterminated string, a body too short for the quotes', () => {
    assert.equal(blankFunctionBodies('def a():\n\treturn 1\n', keepMakeNamesData), undefined);
    assert.equal(blankFunctionBodies('def a():\n    return (1,\n2)\nX = 1\n', keepMakeNamesData), undefined);
    assert.equal(blankFunctionBodies('def a():\n    return """never closed\n', keepMakeNamesData), undefined);
  });

  it('leaves the parser whole for the next parse after one that skips the blanks', async () => {
    const parser = await loadPythonParser();
    const text = `def helper():\n    ${'x = 1\n    '.repeat(40)}return 2\n\n\nclass C:\n    pass\n`;
    const skimmed = skimmedText(text)!;
    const gaps = skimmed.blanks;
    assert.ok(gaps.length === 1 && gaps[0][1] - gaps[0][0] > 200);
    const omitting = parser.parseOmitting(skimmed.text, gaps);
    const body = omitting.rootNode.firstNamedChild!.childForFieldName('body')!;
    assert.deepEqual([body.startIndex, body.endIndex, body.endPosition], [gaps[0][0] - 3, gaps[0][1] + 3, { row: 41, column: 12 }]);
    omitting.delete();
    const whole = parser.parse(text);
    assert.equal(whole.rootNode.endIndex, text.length);
    assert.equal(whole.rootNode.hasError, false);
    assert.equal(whole.rootNode.namedChildren[0]!.childForFieldName('body')!.namedChildCount, 41);
    whole.delete();
  });

  it('does not skim a file with 2.x names, which the summary looks for in every body', () => {
    assert.equal(skimmedText('def run(state, host):\n    return split_combined_output(x)\n'), undefined);
  });
});

describe('summaries of skimmed files', () => {
  it('see a syntax error outside the blanked bodies (the whole file is then parsed), not one inside them', async () => {
    const parser = await loadPythonParser();
    const broken = (where: string) => `class C(BaseConnector):\n    x = ${where === 'class' ? '= 1' : '1'}\n\n    def helper(self):\n        return ${where === 'body' ? '= 2' : '2'}\n`;
    assert.deepEqual(summarizeClosedFile(parser, 'c.py', broken('class')), fullSummary(parser, 'c.py', broken('class')));
    assert.equal(summarizeClosedFile(parser, 'c.py', broken('class')).hasErrors, true);
    assert.equal(fullSummary(parser, 'c.py', broken('body')).hasErrors, true);
    assert.equal(summarizeClosedFile(parser, 'c.py', broken('body')).hasErrors, false);
  });

  const stdlib = standardLibrary();
  // the share of the visible text each corpus has blanked at least (the fixtures are small connectors, mostly read)
  const corpora: Array<[string, string | undefined, number]> = [
    ['the lint fixtures', lintFixtures(), 0.02], ["pyinfra's package", pyinfraPackageDir(), 0.5], ['the standard library', stdlib, 0.5],
  ];
  for (const [name, dir, share] of corpora) {
    it(`equal the whole parse's, file for file: ${name}`, { skip: dir && fs.existsSync(dir) ? false : `${name} not found` }, async () => {
      const parser = await loadPythonParser();
      const files = (await lintableFiles([dir!])).filter((file) => file.endsWith('.py'));
      let total = 0;
      let blankedChars = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        assert.deepEqual(summarizeClosedFile(parser, file, text), fullSummary(parser, file, text), path.relative(dir!, file));
        const skimmed = skimmedText(text);
        total += visible(text);
        if (skimmed) blankedChars += visible(text) - visible(skimmed.text);
      }
      // not a vacuous equality: most of the text was never given to the parser as written
      assert.ok(files.length > 10 && blankedChars > total * share, `${blankedChars} of ${total} visible characters blanked in ${files.length} files`);
    });
  }

  it("give the whole parse's findings on the fixtures and pyinfra's package (none on pyinfra's)", async () => {
    const parser = await loadPythonParser();
    for (const dir of [path.join(lintFixtures(), 'single'), path.join(lintFixtures(), 'project'), pyinfraPackageDir()]) {
      if (!dir) continue;
      const files = await lintableFiles([dir]);
      const skimmed = await WorkspaceIndex.create();
      const whole = await WorkspaceIndex.create();
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        skimmed.setFile(file, text);
        whole.setFile(file, text, file.endsWith('.py') && mentionsConnectorVocabulary(text) ? fullSummary(parser, file, text) : undefined);
      }
      assert.deepEqual(skimmed.diagnostics(), whole.diagnostics(), dir);
      if (dir === pyinfraPackageDir()) assert.equal([...skimmed.diagnostics().values()].flat().length, 0);
    }
  });
});
