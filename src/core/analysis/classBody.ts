// A class body statement -> what it contributes (a method, attributes, annotations), through the cache.
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { ClassAttribute, ClassSummary, KeyInfo, MethodSummary } from './moduleSummary';
import { parameters } from './parameters';
import { BodyItem, ClassRecord, SummaryCache } from './summaryCache';
import { dataMetaDocs, yieldedHostData } from './hostDataSyntax';
import { assignmentOf, dictKeys, dotted, rangeOf } from './syntaxText';
import { Range } from './types';

/** Methods whose parameters rules and quick fixes read; for the others (helpers) the name is enough. */
export const CHECKED_METHODS = new Set(['make_names_data', 'run_shell_command', 'put_file', 'get_file']);
/** The one method whose body a summary reads (the host data it yields); a closed file's other bodies are skimmed. */
export const BODY_READ_METHODS = new Set(['make_names_data']);
const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function method(definition: SyntaxNode, outer: SyntaxNode, decorators: string[]): MethodSummary | null {
  const name = definition.childForFieldName('name');
  if (!name) return null;
  const methodName = name.text;
  if (!CHECKED_METHODS.has(methodName)) {
    return { name: methodName, nameRange: rangeOf(name), range: NO_RANGE, decorators, parameters: null, defColumn: 0, parametersRange: NO_RANGE };
  }
  const params = definition.childForFieldName('parameters');
  if (!params) return null;
  return {
    name: methodName,
    nameRange: rangeOf(name),
    range: rangeOf(outer),
    decorators,
    parameters: parameters(params),
    defColumn: definition.startPosition.column,
    parametersRange: rangeOf(params),
    ...(BODY_READ_METHODS.has(methodName) ? { hostData: yieldedHostData(definition.childForFieldName('body') ?? definition) } : {}),
  };
}

export function decoratorsOf(decorated: SyntaxNode): string[] {
  const names: string[] = [];
  for (const child of decorated.namedChildren) {
    if (child?.type !== 'decorator') continue;
    const expression = child.firstNamedChild;
    if (!expression) continue;
    // @abc.abstractmethod, @functools.cache(...): keep the callee
    const callee = expression.type === 'call' ? expression.childForFieldName('function') : expression;
    names.push(callee ? dotted(callee) : dotted(expression));
  }
  return names;
}

/** Statements whose blocks define methods on some path: `if sys.version_info >= ...:`, `try:`, `with ...:`. */
const COMPOUND = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'block']);

// a node's type is read once per node: each read is a call into wasm
function collect(statement: SyntaxNode, type: string, item: BodyItem, conditional: boolean): void {
  if (type === 'function_definition') {
    const found = method(statement, statement, []);
    if (found) item.methods.push(found);
  } else if (type === 'decorated_definition') {
    const definition = statement.childForFieldName('definition');
    const found = definition?.type === 'function_definition' ? method(definition, statement, decoratorsOf(statement)) : null;
    if (found) item.methods.push(found);
  } else if (COMPOUND.has(type)) {
    for (const child of statement.namedChildren) if (child) collect(child, child.type, item, true);
  } else {
    const assignment = assignmentOf(statement, type);
    const attributes: ClassAttribute[] = [];
    if (assignment) collectAssignment(assignment, attributes, item.annotations);
    // a value set on one path only is not known: handles_execution under `if` may or may not be True
    for (const attribute of attributes) item.attributes.push(conditional ? { name: attribute.name, range: attribute.range, value: attribute.value } : attribute);
  }
}

export function bodyItem(statement: SyntaxNode): BodyItem {
  const type = statement.type;
  const item: BodyItem = {
    methods: [], attributes: [], annotations: [], isError: type === 'ERROR', isComment: type === 'comment', column: statement.startPosition.column,
  };
  collect(statement, type, item, false);
  return item;
}

export function bodyItems(body: SyntaxNode, text: string, cache: SummaryCache | undefined): ClassRecord {
  const record: ClassRecord = { items: [], starts: [] };
  const cursor = body.walk();
  try {
    if (!cursor.gotoFirstChild()) return record;
    do {
      if (!cache) {
        record.items.push(bodyItem(cursor.currentNode));
        continue;
      }
      const start = cursor.startPosition;
      const startKey = `${start.row}:${start.column}`;
      const key = `${startKey}:${text.slice(cursor.startIndex, cursor.endIndex)}`;
      let item = cache.take(key);
      if (!item) {
        item = bodyItem(cursor.currentNode);
        cache.put(key, item);
      }
      record.items.push(item);
      record.starts.push(startKey);
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return record;
}

/** Methods, attributes and annotations of a class body without syntax errors. */
export function fromItems(items: BodyItem[]): Pick<ClassSummary, 'methods' | 'attributes' | 'annotations' | 'bodyIndent'> {
  const methods: MethodSummary[] = [];
  const attributes: ClassAttribute[] = [];
  const annotations: KeyInfo[] = [];
  let bodyIndent: string | undefined;
  for (const item of items) {
    if (!item.isComment) bodyIndent ??= ' '.repeat(item.column);
    methods.push(...item.methods);
    attributes.push(...item.attributes);
    annotations.push(...item.annotations);
  }
  return { methods, attributes, annotations, bodyIndent: bodyIndent ?? '    ' };
}

/** A TypedDict key's type: NotRequired[int], Required[int] and Annotated[int, ...] are int. */
function keyType(annotation: string): string {
  const text = annotation.replace(/\s+/g, '');
  const wrapped = /^(?:(?:typing|typing_extensions)\.)?(NotRequired|Required|ReadOnly|Annotated)\[(.*)\]$/.exec(text);
  if (!wrapped) return text;
  // Annotated[int, "why"]: the type is the first argument
  return keyType(wrapped[1] === 'Annotated' ? wrapped[2].split(',')[0] : wrapped[2]);
}

function collectAssignment(assignment: SyntaxNode, attributes: ClassAttribute[], annotations: KeyInfo[]): void {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier') return;
  const annotation = assignment.childForFieldName('type');
  if (annotation && !right) {
    annotations.push({ name: left.text, range: rangeOf(left), type: keyType(annotation.text) });
    return;
  }
  if (!right) return;
  // a = b = value: every target gets the value
  let type = right.type;
  if (type === 'assignment') collectAssignment(right, attributes, annotations);
  let value: SyntaxNode | null = right;
  while (value && type === 'assignment') {
    value = value.childForFieldName('right');
    type = value?.type ?? '';
  }
  if (!value) return;
  const attribute: ClassAttribute = { name: left.text, range: rangeOf(left), value: value.text };
  if (type === 'true') attribute.literal = true;
  if (type === 'false') attribute.literal = false;
  if (type === 'dictionary') {
    attribute.dictKeys = dictKeys(value);
    const docs = dataMetaDocs(value);
    if (docs) attribute.metaDocs = docs;
  }
  attributes.push(attribute);
}
