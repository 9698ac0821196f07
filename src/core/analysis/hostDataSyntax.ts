// Host data as written: the dict literals make_names_data yields or returns as `(name, data, groups)`, and the
// description/default of each `DataMeta(...)` in a data_meta dict literal.
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { HostDataDict, LiteralKind } from './moduleSummary';
import type { DataKeyDoc } from './pyinfraModel';
import { rangeOf, stringValue } from './syntaxText';

const LITERALS: Record<string, LiteralKind> = {
  string: 'str', concatenated_string: 'str', integer: 'int', float: 'float', true: 'bool', false: 'bool', none: 'None',
  list: 'list', dictionary: 'dict', tuple: 'tuple', set: 'set',
};

function literalKind(node: SyntaxNode): LiteralKind | null {
  if (node.type === 'string' && node.namedChildren.some((child) => child?.type === 'interpolation')) return 'str';
  if (node.type === 'unary_operator') {
    const operand = node.childForFieldName('argument');
    return operand && (operand.type === 'integer' || operand.type === 'float') ? LITERALS[operand.type] : null;
  }
  return LITERALS[node.type] ?? null;
}

/** A dict literal's string keys, each with its value's literal kind (null: not a literal). */
function hostDataDict(node: SyntaxNode): HostDataDict {
  const entries: HostDataDict['entries'] = [];
  for (const pair of node.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    const name = key ? stringValue(key) : null;
    const content = key?.namedChildren.find((child) => child?.type === 'string_content');
    if (!key || !value || name === null || !content) continue;
    entries.push({ key: name, keyRange: rangeOf(content), value: literalKind(value), valueText: value.text, valueRange: rangeOf(value) });
  }
  return { range: rangeOf(node), entries };
}

/** `("name", {...}, [...])`: its data dict literal, if any. */
function tupleData(node: SyntaxNode | null, found: HostDataDict[]): void {
  if (node?.type !== 'expression_list' && node?.type !== 'tuple') return;
  const data = node.namedChildren.filter((child) => child?.type !== 'comment')[1];
  if (data?.type === 'dictionary') found.push(hostDataDict(data));
}

const BLOCKS = new Set(['block', 'for_statement', 'while_statement', 'if_statement', 'elif_clause', 'else_clause', 'with_statement',
  'try_statement', 'except_clause', 'finally_clause']);

/** Statements only (expressions are not walked): `yield name, {...}, groups` and `return [(name, {...}, groups), ...]`. */
function collectData(statement: SyntaxNode, found: HostDataDict[]): void {
  if (statement.type === 'expression_statement') {
    const expression = statement.namedChildren[0];
    if (expression?.type === 'yield') tupleData(expression.namedChildren[0], found);
  } else if (statement.type === 'return_statement') {
    const value = statement.namedChildren[0];
    if (value?.type === 'list' || value?.type === 'tuple') for (const element of value.namedChildren) tupleData(element, found);
  } else if (BLOCKS.has(statement.type)) {
    for (const child of statement.namedChildren) if (child) collectData(child, found);
  }
}

export function yieldedHostData(body: SyntaxNode): HostDataDict[] {
  const found: HostDataDict[] = [];
  // most bodies hold no dict literal at all; reading the text is far cheaper than walking the nodes
  if (body.text.includes('{')) collectData(body, found);
  return found;
}

/** `{"key": DataMeta("description", default), ...}`: each key's description and default as written. */
export function dataMetaDocs(node: SyntaxNode): Record<string, DataKeyDoc> | undefined {
  // most dict literals are not data_meta: the text says so without walking their pairs
  if (!node.text.includes('DataMeta')) return undefined;
  const docs: Record<string, DataKeyDoc> = {};
  for (const pair of node.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    const name = key ? stringValue(key) : null;
    if (name === null || value?.type !== 'call' || !/(?:^|\.)DataMeta$/.test(value.childForFieldName('function')?.text ?? '')) continue;
    const args = (value.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is SyntaxNode => !!arg && arg.type !== 'comment');
    const positional = args.filter((arg) => arg.type !== 'keyword_argument');
    const keyword = (argName: string) => args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === argName)?.childForFieldName('value');
    const description = positional[0] ?? keyword('description');
    const defaultValue = positional[1] ?? keyword('default');
    docs[name] = {
      description: description ? stringValue(description) ?? description.text : undefined,
      default: defaultValue ? defaultValue.text : 'None',
    };
  }
  return Object.keys(docs).length > 0 ? docs : undefined;
}
