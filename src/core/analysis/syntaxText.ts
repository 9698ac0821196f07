// Small readers of tree-sitter nodes shared by the summarisers: ranges, dotted names, string literals, dict keys.
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { Range } from './types';

export function rangeOf(node: SyntaxNode): Range {
  const start = node.startPosition;
  const end = node.endPosition;
  return { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } };
}

export function dotted(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

export function baseText(node: SyntaxNode): string {
  // Generic[T], SomeBase[Config]: the class is the subscripted value
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    return value ? dotted(value) : dotted(node);
  }
  return dotted(node);
}

export function stringValue(node: SyntaxNode): string | null {
  if (node.type !== 'string') return null;
  let value = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') return null;
    if (child.type === 'string_content') value += child.text;
  }
  return value;
}

export function dictKeys(node: SyntaxNode): string[] | null {
  const keys: string[] = [];
  for (const pair of node.namedChildren) {
    const type = pair?.type;
    if (!pair || type === 'comment') continue;
    if (type !== 'pair') return null;
    const key = pair.childForFieldName('key');
    const value = key ? stringValue(key) : null;
    if (value === null) return null;
    keys.push(value);
  }
  return keys;
}

/** `type`: the statement's, when the caller has read it already (each read of a node's type is a call into wasm). */
export function assignmentOf(statement: SyntaxNode, type = statement.type): SyntaxNode | null {
  if (type !== 'expression_statement') return null;
  const first = statement.firstNamedChild;
  return first?.type === 'assignment' ? first : null;
}
