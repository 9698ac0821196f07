// Editor help for host data: completion of data keys inside a dict literal make_names_data yields, hover on a
// key (type, description, default), and a connector's data keys for other views (the inventory tree's tooltips).
import { classKey, ClassFacts } from './connectorFacts';
import { contains } from './fixEdits';
import { dataSchema, DataSchema, describeDataKey } from './dataSchema';
import { HostDataDict } from './moduleSummary';
import { DataKeyDoc } from './pyinfraModel';
import { Range } from './types';
import { WorkspaceIndex } from './workspaceIndex';

export interface DataKeyCompletion {
  key: string;
  doc: DataKeyDoc;
  /** What to insert: the bare key inside quotes, `"key": ` elsewhere in the dict. */
  insertText: string;
  /** Markdown: type, description, default. */
  documentation: string;
}

export interface DataKeyHover {
  markdown: string;
  range: Range;
}

/** The data keys pyinfra checks for a connector class's hosts (undefined when they cannot be known). */
export function connectorDataSchema(index: WorkspaceIndex, file: string, className: string): DataSchema | undefined {
  const result = index.analyze();
  for (const facts of result.connectors.values()) {
    if (facts.file === file && facts.cls.name === className) return dataSchema(result.facts, facts);
  }
  return undefined;
}

/** The yielded host data dicts of a file, each with its connector's schema. */
function dictsWithSchema(index: WorkspaceIndex, file: string): Array<{ dict: HostDataDict; schema: DataSchema; facts: ClassFacts }> {
  const summary = index.summary(file);
  if (!summary) return [];
  const result = index.analyze();
  const found: Array<{ dict: HostDataDict; schema: DataSchema; facts: ClassFacts }> = [];
  for (const cls of summary.classes) {
    const facts = result.connectors.get(classKey(file, cls));
    const dicts = cls.methods.find((m) => m.name === 'make_names_data')?.hostData;
    const schema = facts && dicts?.length ? dataSchema(result.facts, facts) : undefined;
    if (facts && schema) for (const dict of dicts ?? []) found.push({ dict, schema, facts });
  }
  return found;
}

function offsetOf(text: string, position: Range['start']): number {
  const lines = text.split('\n');
  return lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
}

/**
 * While a key is being typed the dict may not parse: below `def make_names_data` of a connector with a schema, an
 * unclosed `{` before the cursor opens the dict; the keys already written in it are read from the text.
 */
function typedDict(index: WorkspaceIndex, file: string, position: Range['start'], text: string): { schema: DataSchema; used: Set<string> } | undefined {
  const result = index.analyze();
  // the class above the cursor: a syntax error may cut its node (and its methods) short
  const cls = index.summary(file)?.classes.filter((c) => c.nameRange.start.line <= position.line).pop();
  const facts = cls && result.connectors.get(classKey(file, cls));
  const schema = facts && dataSchema(result.facts, facts);
  if (!cls || !schema) return undefined;
  const lines = text.split('\n');
  let defLine = -1;
  for (let line = position.line; line > cls.nameRange.start.line && defLine < 0; line--) {
    if (/^\s*def\s+make_names_data\b/.test(lines[line])) defLine = line;
    else if (/^\s*(?:async\s+)?def\s/.test(lines[line])) return undefined;
  }
  if (defLine < 0) return undefined;
  const before = text.slice(offsetOf(text, { line: defLine, character: 0 }), offsetOf(text, position));
  let depth = 0;
  let open = -1;
  for (let i = before.length - 1; i >= 0 && open < 0; i--) {
    if (before[i] === '}') depth++;
    else if (before[i] === '{' && depth-- === 0) open = i;
  }
  if (open < 0) return undefined;
  return { schema, used: new Set([...before.slice(open).matchAll(/["']([\w-]+)["']\s*:/g)].map((match) => match[1])) };
}

export function dataKeyCompletions(index: WorkspaceIndex, file: string, position: Range['start'], text: string): DataKeyCompletion[] {
  const parsed = dictsWithSchema(index, file).find(({ dict }) => contains(dict.range, position));
  const here = parsed ? { schema: parsed.schema, used: new Set(parsed.dict.entries.map((entry) => entry.key)) } : typedDict(index, file, position, text);
  if (!here) return [];
  const line = text.split('\n')[position.line] ?? '';
  const insideQuotes = /["'][\w-]*$/.test(line.slice(0, position.character));
  return [...here.schema.keys].filter(([key]) => !here.used.has(key)).map(([key, doc]) => ({
    key, doc, insertText: insideQuotes ? key : `"${key}": `, documentation: describeDataKey(key, doc, here.schema),
  }));
}

export function dataKeyHover(index: WorkspaceIndex, file: string, position: Range['start']): DataKeyHover | undefined {
  for (const { dict, schema } of dictsWithSchema(index, file)) {
    const entry = dict.entries.find((candidate) => contains(candidate.keyRange, position));
    const doc = entry && schema.keys.get(entry.key);
    if (entry && doc) return { markdown: describeDataKey(entry.key, doc, schema), range: entry.keyRange };
  }
  return undefined;
}
