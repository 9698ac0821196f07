// Text edits the quick fixes are made of: add methods with pyinfra's signatures and docstrings, add
// @staticmethod, swap two parameters, add **arguments; and finding the class or method a diagnostic is on.
import { isStaticmethod } from './connectorFacts';
import { ClassSummary, MethodSummary, ModuleSummary } from './moduleSummary';
import { METHOD_STUBS } from './pyinfraModel';
import { Range, TextEdit } from './types';

export type StubName = keyof typeof METHOD_STUBS;

export function samePosition(a: Range['start'], b: Range['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

export function contains(range: Range, position: Range['start']): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function indent(text: string, prefix: string): string {
  return text.trimEnd().split('\n').map((line) => (line ? prefix + line : line)).join('\n');
}

export function lineLength(text: string, line: number): number {
  return (text.split('\n')[line] ?? '').replace(/\r$/, '').length;
}

/** Inserts methods after the class's last line. */
export function addMethods(file: string, text: string, cls: ClassSummary, names: StubName[]): TextEdit {
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

export function addStaticmethod(file: string, method: MethodSummary): TextEdit[] {
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

export function addArguments(file: string, method: MethodSummary): TextEdit | undefined {
  const parameters = method.parameters;
  if (!parameters) return undefined;
  const last = parameters[parameters.length - 1];
  if (last) return { file, range: { start: last.range.end, end: last.range.end }, newText: ', **arguments' };
  const open = { line: method.parametersRange.start.line, character: method.parametersRange.start.character + 1 };
  return { file, range: { start: open, end: open }, newText: '**arguments' };
}

/** Swaps the first two parameters pyinfra passes by position: after self, or the first two of a @staticmethod. */
export function swapFirstParameters(file: string, text: string, method: MethodSummary): TextEdit[] {
  const positional = (method.parameters ?? []).filter((p) => p.kind === 'positional');
  const [a, b] = isStaticmethod(method) ? positional : positional.slice(1);
  if (!a || !b) return [];
  return [
    { file, range: a.range, newText: sliceRange(text, b.range) },
    { file, range: b.range, newText: sliceRange(text, a.range) },
  ];
}

export function findClass(summary: ModuleSummary, range: Range): ClassSummary | undefined {
  return summary.classes.find((cls) => samePosition(cls.nameRange.start, range.start));
}

export function findMethod(summary: ModuleSummary, range: Range): MethodSummary | undefined {
  for (const cls of summary.classes) {
    const method = cls.methods.find((m) => samePosition(m.nameRange.start, range.start));
    if (method) return method;
  }
  return undefined;
}
