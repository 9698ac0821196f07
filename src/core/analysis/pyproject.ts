// `pyinfra.connectors` entry points in pyproject.toml: read with a TOML parser that keeps source
// positions (toml-eslint-parser), and added by one edit that leaves the rest of the file as it was
// (comments, quoting, layout): tableEdit, which the quick fix and the scaffold both use.
import { getStaticTOMLValue, parseTOML, type AST } from 'toml-eslint-parser';
import { lineLength } from './fixEdits';
import { Range } from './types';

export interface EntryPoint {
  file: string;
  name: string;
  /** `module:Class`, or a bare module (pyinfra 2.x). */
  value: string;
  module: string;
  className?: string;
  /** From the key to the end of the value. */
  range: Range;
}

export interface EntryPointTable {
  entries: EntryPoint[];
  /** Set when the file is not valid TOML (half-written): it then yields no entries. */
  error?: string;
}

/** The tables pyinfra's entry points are read from: PEP 621 and Poetry's plugins. */
const GROUPS = [['project', 'entry-points', 'pyinfra.connectors'], ['tool', 'poetry', 'plugins', 'pyinfra.connectors']];

type TOMLTable = AST.TOMLTable;
type TOMLKeyValue = AST.TOMLKeyValue;
type TOMLContentNode = AST.TOMLContentNode;
type Loc = { start: { line: number; column: number }; end: { line: number; column: number } };
type Parsed = { tables: TOMLTable[]; topLevel: TOMLKeyValue[] } | { error: string };

function toRange(loc: Loc): Range {
  return { start: { line: loc.start.line - 1, character: loc.start.column }, end: { line: loc.end.line - 1, character: loc.end.column } };
}

function parse(text: string): Parsed {
  try {
    const [top] = parseTOML(text).body;
    const tables = top.body.filter((node): node is TOMLTable => node.type === 'TOMLTable');
    const topLevel = top.body.filter((node): node is TOMLKeyValue => node.type === 'TOMLKeyValue');
    return { tables, topLevel };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function keyPath(pair: TOMLKeyValue): string[] {
  return pair.key.keys.map((key) => (key.type === 'TOMLBare' ? key.name : key.value));
}

function samePath(a: readonly (string | number)[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

const isGroup = (path: readonly (string | number)[]) => GROUPS.some((group) => samePath(path, group));

/** Every key-value below `prefix`, inline tables opened, with its full key path. */
function* pairsUnder(prefix: readonly (string | number)[], pairs: readonly TOMLKeyValue[]): Generator<{ path: (string | number)[]; pair: TOMLKeyValue }> {
  for (const pair of pairs) {
    const path = [...prefix, ...keyPath(pair)];
    yield { path, pair };
    if (pair.value.type === 'TOMLInlineTable') yield* pairsUnder(path, pair.value.body);
  }
}

function allPairs(parsed: Exclude<Parsed, { error: string }>) {
  return [...pairsUnder([], parsed.topLevel), ...parsed.tables.flatMap((table) => [...pairsUnder(table.resolvedKey, table.body)])];
}

function entry(file: string, name: string, value: string, pair: TOMLKeyValue): EntryPoint {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const module = (colon === -1 ? trimmed : trimmed.slice(0, colon)).trim();
  const className = colon === -1 ? undefined : trimmed.slice(colon + 1).trim().split(/\s|\[/)[0];
  return { file, name, value: trimmed, module, className, range: toRange(pair.loc) };
}

const stringValue = (node: TOMLContentNode) => (node.type === 'TOMLValue' && node.kind === 'string' ? node.value : undefined);

export function parseEntryPoints(file: string, text: string): EntryPointTable {
  const parsed = parse(text);
  if ('error' in parsed) return { entries: [], error: parsed.error };
  const entries: EntryPoint[] = [];
  for (const { path, pair } of allPairs(parsed)) {
    const value = stringValue(pair.value);
    if (value !== undefined && isGroup(path.slice(0, -1))) entries.push(entry(file, String(path[path.length - 1]), value, pair));
  }
  entries.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { entries };
}

/** An insertion (or replacement) in a file's text, positions as in the editor. */
export interface TextChange {
  range: Range;
  newText: string;
}

function endOf(text: string): Range['start'] {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** A table header for a key path: bare keys as they are, the others quoted. */
function tableHeader(path: readonly string[]): string {
  return `[${path.map((key) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : `'${key}'`)).join('.')}]`;
}

/**
 * The one edit of pyproject.toml: `lines` (each `key = value`) go into the first table of `tables` the file has, as
 * new lines below its header or entries of an inline table, or into a new table `tables[0]` at the end; the rest of
 * the file stays as it was. An error when the file is not TOML.
 */
export function tableEdit(text: string, tables: readonly (readonly string[])[], lines: readonly string[]): TextChange | { error: string } {
  const parsed = parse(text);
  if ('error' in parsed) return { error: `pyproject.toml is not valid TOML (${parsed.error}); fix it first` };
  const isWanted = (path: readonly (string | number)[]) => tables.some((table) => samePath(path, table));
  const table = parsed.tables.find((t) => t.kind === 'standard' && isWanted(t.resolvedKey));
  if (table) {
    const header = table.key.loc.end.line - 1;
    const at = { line: header, character: lineLength(text, header) };
    return { range: { start: at, end: at }, newText: lines.map((line) => `\n${line}`).join('') };
  }
  const inline = allPairs(parsed).find(({ path, pair }) => isWanted(path) && pair.value.type === 'TOMLInlineTable')?.pair.value;
  if (inline?.type === 'TOMLInlineTable') {
    const last = inline.body[inline.body.length - 1];
    if (last) {
      const at = toRange(last.loc).end;
      return { range: { start: at, end: at }, newText: lines.map((line) => `, ${line}`).join('') };
    }
    return { range: toRange(inline.loc), newText: `{ ${lines.join(', ')} }` };
  }
  const at = endOf(text);
  const separator = text.trim() === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { range: { start: at, end: at }, newText: `${separator}${tableHeader(tables[0])}\n${lines.join('\n')}\n` };
}

/** Registers `name = 'value'` as a `pyinfra.connectors` entry point (tableEdit on the entry-point tables). */
export function entryPointEdit(text: string, name: string, value: string): TextChange | { error: string } {
  return tableEdit(text, GROUPS, [`${name} = '${value}'`]);
}

/** The file's content as plain values (tables as objects); an error when it is not TOML. */
export function pyprojectValues(text: string): Record<string, any> | { error: string } {
  try {
    return getStaticTOMLValue(parseTOML(text)) as Record<string, any>;
  } catch (error) {
    return { error: `pyproject.toml is not valid TOML (${error instanceof Error ? error.message : String(error)}); fix it first` };
  }
}

/** The text with one change applied (for files written whole, as the scaffold does). */
export function applyChange(text: string, change: TextChange): string {
  const offset = (position: Range['start']) => {
    const lines = text.split('\n');
    return lines.slice(0, position.line).reduce((sum, l) => sum + l.length + 1, 0) + position.character;
  };
  return text.slice(0, offset(change.range.start)) + change.newText + text.slice(offset(change.range.end));
}

/** The entry-point name offered for a class: "MyCloudConnector" -> "my_cloud". */
export function entryPointName(className: string): string {
  const base = className.replace(/Connector$/, '') || className;
  return base.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}
