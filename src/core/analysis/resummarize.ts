// Incremental re-summarising: after a one-line edit inside one class-body statement, re-read that statement
// only and keep the rest of the previous summary.
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import { bodyItem, fromItems } from './classBody';
import { ClassSummary, ModuleSummary } from './moduleSummary';
import { LEGACY_NAMES } from './pyinfraModel';
import { SummaryCache } from './summaryCache';
import { rangeOf } from './syntaxText';

/** The class-body statement (of a class at module level) that holds a node, if any. */
function classBodyStatement(node: SyntaxNode | null): SyntaxNode | null {
  for (let current = node; current; current = current.parent) {
    const owner = current.parent?.type === 'block' ? current.parent.parent : null;
    if (owner?.type !== 'class_definition') continue;
    const container = owner.parent?.type === 'decorated_definition' ? owner.parent.parent : owner.parent;
    return container?.type === 'module' ? current : null;
  }
  return null;
}

/**
 * After an edit that adds or removes no line, inside one statement of a class body, in a file without
 * syntax errors: re-reads that statement only and keeps the rest of the previous summary (every other
 * position is unchanged). undefined when the edit is anything else; then summarise the whole file.
 */
export function resummarizeEdit(
  previous: ModuleSummary, text: string, tree: Tree, edit: { startIndex: number; newEndIndex: number }, cache: SummaryCache,
): ModuleSummary | undefined {
  if (previous.hasErrors || previous.legacy.length > 0 || tree.rootNode.hasError) return undefined;
  if (LEGACY_NAMES.some((name) => text.includes(name))) return undefined;
  const statement = classBodyStatement(tree.rootNode.descendantForIndex(edit.startIndex, edit.newEndIndex));
  const body = statement?.parent;
  const classNode = body?.parent;
  const name = classNode?.childForFieldName('name');
  if (!statement || !body || !classNode || !name) return undefined;
  const nameKey = `${name.startPosition.row}:${name.startPosition.column}`;
  const record = cache.classRecord(nameKey);
  const start = statement.startPosition;
  const index = record?.starts.indexOf(`${start.row}:${start.column}`) ?? -1;
  if (!record || index < 0 || body.childCount !== record.items.length) return undefined;
  // another statement starting on the edited statement's last line would have moved sideways
  const endRow = statement.endPosition.row;
  if (record.starts.some((other, i) => i !== index && Number(other.slice(0, other.indexOf(':'))) === endRow)) return undefined;
  const cls = previous.classes.find((c) => `${c.nameRange.start.line}:${c.nameRange.start.character}` === nameKey);
  if (!cls) return undefined;
  const items = [...record.items];
  items[index] = bodyItem(statement);
  cache.recordClass(nameKey, { items, starts: record.starts });
  const next: ClassSummary = { ...cls, ...fromItems(items), range: rangeOf(classNode), uncertainMethods: [] };
  return { ...previous, classes: previous.classes.map((c) => (c === cls ? next : c)) };
}
