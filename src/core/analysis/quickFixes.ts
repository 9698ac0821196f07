// Quick fixes for the rules, as plain text edits: add missing methods with pyinfra's signatures and
// docstrings, add @staticmethod, swap put_file/get_file's first parameters, add **arguments, and register
// a class as a `pyinfra.connectors` entry point.
import * as path from 'path';
import { ClassSummary, MethodSummary, ModuleSummary } from './moduleSummary';
import { EXECUTION_METHODS, METHOD_STUBS } from './pyinfraModel';
import { entryPointName } from './pyproject';
import { Diagnostic, QuickFix, Range, TextEdit } from './types';
import { isPyproject, WorkspaceIndex } from './workspaceIndex';

type StubName = keyof typeof METHOD_STUBS;

function samePosition(a: Range['start'], b: Range['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

function contains(range: Range, position: Range['start']): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function indent(text: string, prefix: string): string {
  return text.trimEnd().split('\n').map((line) => (line ? prefix + line : line)).join('\n');
}

function lineLength(text: string, line: number): number {
  return (text.split('\n')[line] ?? '').replace(/\r$/, '').length;
}

/** Inserts methods after the class's last line. */
function addMethods(file: string, text: string, cls: ClassSummary, names: StubName[]): TextEdit {
  const stubs = names.map((name) => indent(METHOD_STUBS[name], cls.bodyIndent)).join('\n\n');
  const end = { line: cls.endLine, character: lineLength(text, cls.endLine) };
  return { file, range: { start: end, end }, newText: `\n\n${stubs}` };
}

function sliceRange(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  const parts = [lines[range.start.line].slice(range.start.character)];
  for (let line = range.start.line + 1; line < range.end.line; line++) parts.push(lines[line]);
  parts.push(lines[range.end.line].slice(0, range.end.character));
  return parts.join('\n');
}

function addStaticmethod(file: string, method: MethodSummary): TextEdit[] {
  const defLine = method.nameRange.start.line;
  const edits: TextEdit[] = [{
    file,
    range: { start: { line: defLine, character: method.defColumn }, end: { line: defLine, character: method.defColumn } },
    newText: `@staticmethod\n${' '.repeat(method.defColumn)}`,
  }];
  const [first, second] = method.parameters ?? [];
  if (first?.name === 'self' || first?.name === 'cls') {
    edits.push(second
      ? { file, range: { start: first.range.start, end: second.range.start }, newText: '' }
      : { file, range: first.range, newText: 'name=None' });
  }
  return edits;
}

function addArguments(file: string, method: MethodSummary): TextEdit | undefined {
  const parameters = method.parameters;
  if (!parameters) return undefined;
  const last = parameters[parameters.length - 1];
  if (last) return { file, range: { start: last.range.end, end: last.range.end }, newText: ', **arguments' };
  const open = { line: method.parametersRange.start.line, character: method.parametersRange.start.character + 1 };
  return { file, range: { start: open, end: open }, newText: '**arguments' };
}

function swapFirstParameters(file: string, text: string, method: MethodSummary): TextEdit[] {
  const positional = (method.parameters ?? []).filter((p) => p.kind === 'positional').slice(1, 3);
  if (positional.length < 2) return [];
  const [a, b] = positional;
  return [
    { file, range: a.range, newText: sliceRange(text, b.range) },
    { file, range: b.range, newText: sliceRange(text, a.range) },
  ];
}

function findClass(summary: ModuleSummary, range: Range): ClassSummary | undefined {
  return summary.classes.find((cls) => samePosition(cls.nameRange.start, range.start));
}

function findMethod(summary: ModuleSummary, range: Range): MethodSummary | undefined {
  for (const cls of summary.classes) {
    const method = cls.methods.find((m) => samePosition(m.nameRange.start, range.start));
    if (method) return method;
  }
  return undefined;
}

export function textOf(index: WorkspaceIndex, file: string, readText: (file: string) => string | undefined): string | undefined {
  return index.documentText(file) ?? readText(file);
}

/** Fixes for one diagnostic. */
export function quickFixesFor(index: WorkspaceIndex, diagnostic: Diagnostic, readText: (file: string) => string | undefined): QuickFix[] {
  const { file, code } = diagnostic;
  if (isPyproject(file)) return [];
  const summary = index.summary(file);
  const text = textOf(index, file, readText);
  if (!summary || text === undefined) return [];
  switch (code) {
    case 'PCK001':
    case 'PCK002': {
      const cls = findClass(summary, diagnostic.range);
      if (!cls) return [];
      const name: StubName = code === 'PCK001'
        ? 'make_names_data'
        : EXECUTION_METHODS.find((method) => diagnostic.message.includes(` has no ${method}:`)) ?? 'run_shell_command';
      return [{ title: `Add ${name} with pyinfra's signature`, code, isPreferred: true, edits: [addMethods(file, text, cls, [name])] }];
    }
    case 'PCK003': {
      const method = findMethod(summary, diagnostic.range);
      return method ? [{ title: 'Make make_names_data a @staticmethod', code, isPreferred: true, edits: addStaticmethod(file, method) }] : [];
    }
    case 'PCK005': {
      const method = findMethod(summary, diagnostic.range);
      if (!method) return [];
      if (diagnostic.message.includes('wrong order')) {
        return [{ title: `Swap the first two parameters of ${method.name}`, code, isPreferred: true, edits: swapFirstParameters(file, text, method) }];
      }
      if (diagnostic.message.includes('has no **arguments')) {
        const edit = addArguments(file, method);
        return edit ? [{ title: `Add **arguments to ${method.name}`, code, isPreferred: true, edits: [edit] }] : [];
      }
      return [];
    }
    default:
      return [];
  }
}

/** Fixes for several PCK002 on one class at once: all missing execution methods in one edit. */
export function addAllMissingMethods(index: WorkspaceIndex, diagnostics: Diagnostic[], readText: (file: string) => string | undefined): QuickFix | undefined {
  const missing = diagnostics.filter((d) => d.code === 'PCK002');
  if (missing.length < 2) return undefined;
  const { file, range } = missing[0];
  const summary = index.summary(file);
  const text = textOf(index, file, readText);
  const cls = summary && findClass(summary, range);
  if (!cls || text === undefined) return undefined;
  const names = EXECUTION_METHODS.filter((method) => missing.some((d) => samePosition(d.range.start, range.start) && d.message.includes(` has no ${method}:`)));
  return { title: `Add ${names.join(', ')} with pyinfra's signatures`, code: 'PCK002', edits: [addMethods(file, text, cls, names)] };
}

function moduleNameFor(pyprojectDir: string, file: string): string {
  let relative = path.relative(pyprojectDir, file).replace(/\.py$/, '').split(path.sep);
  if (relative[0] === 'src' && relative.length > 1) relative = relative.slice(1);
  if (relative[relative.length - 1] === '__init__') relative = relative.slice(0, -1);
  return relative.join('.');
}

function nearestPyproject(index: WorkspaceIndex, file: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'pyproject.toml');
    if (index.entryPointTable(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** "Register as a pyinfra.connectors entry point", offered on a concrete connector class no entry point names. */
export function registerEntryPoint(
  index: WorkspaceIndex, file: string, position: Range['start'], readText: (file: string) => string | undefined,
): QuickFix | undefined {
  const connector = index.listConnectorClasses().find((c) => c.file === file && contains(c.range, position));
  if (!connector || connector.entryPointName || connector.isBase) return undefined;
  const pyproject = nearestPyproject(index, file);
  const table = pyproject && index.entryPointTable(pyproject);
  const text = pyproject && textOf(index, pyproject, readText);
  if (!pyproject || !table || text === undefined) return undefined;
  const name = entryPointName(connector.name);
  const entry = `${name} = '${moduleNameFor(path.dirname(pyproject), file)}:${connector.name}'`;
  const lines = text.split('\n');
  let edit: TextEdit;
  if (table.headerLine >= 0) {
    const at = { line: table.lastLine, character: lineLength(text, table.lastLine) };
    edit = { file: pyproject, range: { start: at, end: at }, newText: `\n${entry}` };
  } else {
    const lastLine = lines.length - 1;
    const at = { line: lastLine, character: lines[lastLine].length };
    const separator = text.endsWith('\n') ? '\n' : '\n\n';
    edit = { file: pyproject, range: { start: at, end: at }, newText: `${separator}[project.entry-points.'pyinfra.connectors']\n${entry}\n` };
  }
  return { title: `Register ${connector.name} as pyinfra connector '@${name}' in pyproject.toml`, edits: [edit] };
}
