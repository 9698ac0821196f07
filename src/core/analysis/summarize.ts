// Syntax tree -> ModuleSummary. Reads only module-level statements and class bodies; function bodies
// are never walked, which keeps a 5,000-line file cheap to summarise after every keystroke.
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import {
  ClassAttribute, ClassSummary, KeyInfo, LegacyUse, MethodSummary, ModuleSummary, Parameter,
} from './moduleSummary';
import { Range } from './types';

export function rangeOf(node: SyntaxNode): Range {
  const start = node.startPosition;
  const end = node.endPosition;
  return { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } };
}

const LEGACY_NAMES = ['BaseConnectorMeta', 'split_combined_output', 'return_combined_output', 'EXECUTION_CONNECTOR'];
/** Functions a pyinfra 2.x connector module defined at module level, all taking (state, host, ...). */
const LEGACY_FUNCTIONS = new Set(['run_shell_command', 'put_file', 'get_file', 'connect', 'make_names_data']);

function dotted(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

function baseText(node: SyntaxNode): string {
  // Generic[T], SomeBase[Config]: the class is the subscripted value
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    return value ? dotted(value) : dotted(node);
  }
  return dotted(node);
}

function stringValue(node: SyntaxNode): string | null {
  if (node.type !== 'string') return null;
  let value = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') return null;
    if (child.type === 'string_content') value += child.text;
  }
  return value;
}

function dictKeys(node: SyntaxNode): string[] | null {
  const keys: string[] = [];
  for (const pair of node.namedChildren) {
    if (!pair || pair.type === 'comment') continue;
    if (pair.type !== 'pair') return null;
    const key = pair.childForFieldName('key');
    const value = key ? stringValue(key) : null;
    if (value === null) return null;
    keys.push(value);
  }
  return keys;
}

function parameters(node: SyntaxNode): Parameter[] | null {
  if (node.hasError) return null;
  const result: Parameter[] = [];
  let keywordOnly = false;
  for (const child of node.namedChildren) {
    if (!child) continue;
    switch (child.type) {
      case 'identifier':
        result.push({ name: child.text, kind: keywordOnly ? 'keywordOnly' : 'positional', hasDefault: false, range: rangeOf(child) });
        break;
      case 'typed_parameter': {
        const inner = child.namedChildren[0];
        if (!inner) return null;
        if (inner.type === 'list_splat_pattern' || inner.type === 'dictionary_splat_pattern') {
          result.push(splat(inner, child));
          if (inner.type === 'list_splat_pattern') keywordOnly = true;
        } else {
          result.push({ name: inner.text, kind: keywordOnly ? 'keywordOnly' : 'positional', hasDefault: false, range: rangeOf(child) });
        }
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = child.childForFieldName('name');
        if (!name) return null;
        result.push({ name: name.text, kind: keywordOnly ? 'keywordOnly' : 'positional', hasDefault: true, range: rangeOf(child) });
        break;
      }
      case 'list_splat_pattern':
        result.push(splat(child, child));
        keywordOnly = true;
        break;
      case 'dictionary_splat_pattern':
        result.push(splat(child, child));
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      default:
        // positional_separator, comments
        break;
    }
  }
  return result;
}

function splat(pattern: SyntaxNode, whole: SyntaxNode): Parameter {
  const name = pattern.namedChildren[0]?.text ?? '';
  const kind = pattern.type === 'list_splat_pattern' ? 'varArgs' : 'varKeywords';
  return { name, kind, hasDefault: false, range: rangeOf(whole) };
}

/** Methods whose parameters rules and quick fixes read; for the others (helpers) the name is enough. */
const CHECKED_METHODS = new Set(['make_names_data', 'run_shell_command', 'put_file', 'get_file']);
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
  };
}

function decoratorsOf(decorated: SyntaxNode): string[] {
  const names: string[] = [];
  for (const child of decorated.namedChildren) {
    if (child?.type !== 'decorator') continue;
    const expression = child.namedChildren[0];
    if (!expression) continue;
    // @abc.abstractmethod, @functools.cache(...): keep the callee
    const callee = expression.type === 'call' ? expression.childForFieldName('function') : expression;
    names.push(callee ? dotted(callee) : dotted(expression));
  }
  return names;
}

function assignmentOf(statement: SyntaxNode): SyntaxNode | null {
  if (statement.type !== 'expression_statement') return null;
  const first = statement.namedChildren[0];
  return first?.type === 'assignment' ? first : null;
}

/**
 * Method names of a class in a file with syntax errors: indented `def`s after the header, up to the next
 * top-level definition. Stray unindented text being typed does not end the class: the methods below it
 * are still the class's once the line is finished.
 */
function methodsByText(text: string, classNode: SyntaxNode): string[] {
  const lines = text.split('\n');
  const names: string[] = [];
  for (let line = classNode.startPosition.row + 1; line < lines.length; line++) {
    const content = lines[line];
    if (/^(?:class|def|async\s+def)\s+\w|^@/.test(content)) break;
    const match = /^\s+(?:async\s+)?def\s+(\w+)/.exec(content);
    if (match) names.push(match[1]);
  }
  return names;
}

/**
 * A syntax error typed between a decorator and its `def` separates them in the tree; the decorators are
 * still there in the text, a few lines up.
 */
function withDecoratorsByText(method: MethodSummary, lines: string[]): MethodSummary {
  if (method.decorators.length > 0 || !CHECKED_METHODS.has(method.name)) return method;
  const decorators: string[] = [];
  for (let line = method.nameRange.start.line - 1; line >= 0 && line >= method.nameRange.start.line - 4; line--) {
    const decorator = /^\s*@([\w.]+)/.exec(lines[line]);
    if (decorator) decorators.unshift(decorator[1]);
    else if (/^\s*(?:def|class|async\s+def)\b/.test(lines[line])) break;
  }
  return decorators.length > 0 ? { ...method, decorators } : method;
}

/** What one statement of a class body contributes. */
interface BodyItem {
  method?: MethodSummary;
  attributes: ClassAttribute[];
  annotations: KeyInfo[];
  isError: boolean;
  isComment: boolean;
  column: number;
}

/** A class body as last summarised: its items, and where each statement starts ("row:column"). */
interface ClassRecord {
  items: BodyItem[];
  starts: string[];
}

/**
 * Body items of the previous summary of an open document, keyed by each statement's start and text:
 * a statement whose text and position did not change summarises the same, so an edit re-reads only
 * the statements it touched (reading a statement's text is far cheaper than walking its nodes).
 */
export class SummaryCache {
  private previous = new Map<string, BodyItem>();
  private current = new Map<string, BodyItem>();

  take(key: string): BodyItem | undefined {
    const item = this.previous.get(key);
    if (item) this.current.set(key, item);
    return item;
  }

  put(key: string, item: BodyItem): void {
    this.current.set(key, item);
  }

  private readonly classes = new Map<string, ClassRecord>();

  classRecord(nameKey: string): ClassRecord | undefined {
    return this.classes.get(nameKey);
  }

  recordClass(nameKey: string, record: ClassRecord): void {
    this.classes.set(nameKey, record);
  }

  /** Keeps only what the last summary used. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

function bodyItem(statement: SyntaxNode): BodyItem {
  const item: BodyItem = {
    attributes: [], annotations: [], isError: statement.type === 'ERROR', isComment: statement.type === 'comment', column: statement.startPosition.column,
  };
  if (statement.type === 'function_definition') {
    item.method = method(statement, statement, []) ?? undefined;
  } else if (statement.type === 'decorated_definition') {
    const definition = statement.childForFieldName('definition');
    if (definition?.type === 'function_definition') item.method = method(definition, statement, decoratorsOf(statement)) ?? undefined;
  } else {
    const assignment = assignmentOf(statement);
    if (assignment) collectAssignment(assignment, item.attributes, item.annotations);
  }
  return item;
}

function bodyItems(body: SyntaxNode, text: string, cache: SummaryCache | undefined): ClassRecord {
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
function fromItems(items: BodyItem[]): Pick<ClassSummary, 'methods' | 'attributes' | 'annotations' | 'bodyIndent'> {
  const methods: MethodSummary[] = [];
  const attributes: ClassAttribute[] = [];
  const annotations: KeyInfo[] = [];
  let bodyIndent: string | undefined;
  for (const item of items) {
    if (!item.isComment) bodyIndent ??= ' '.repeat(item.column);
    if (item.method) methods.push(item.method);
    attributes.push(...item.attributes);
    annotations.push(...item.annotations);
  }
  return { methods, attributes, annotations, bodyIndent: bodyIndent ?? '    ' };
}

function classSummary(node: SyntaxNode, text: string, fileHasErrors: boolean, cache: SummaryCache | undefined): ClassSummary | null {
  const name = node.childForFieldName('name');
  const body = node.childForFieldName('body');
  if (!name) return null;
  const bases: string[] = [];
  const keywords: Record<string, string> = {};
  const superclasses = node.childForFieldName('superclasses');
  for (const base of superclasses?.namedChildren ?? []) {
    if (!base || base.type === 'comment') continue;
    if (base.type === 'keyword_argument') {
      const key = base.childForFieldName('name');
      const value = base.childForFieldName('value');
      if (key && value) keywords[key.text] = dotted(value);
    } else if (base.type !== 'list_splat' && base.type !== 'dictionary_splat') {
      bases.push(baseText(base));
    }
  }
  const methods: MethodSummary[] = [];
  const attributes: ClassAttribute[] = [];
  const annotations: KeyInfo[] = [];
  let bodyIndent: string | undefined;
  let uncertain = false;
  const lines = fileHasErrors ? text.split('\n') : [];
  const record = body ? bodyItems(body, text, cache) : { items: [], starts: [] };
  if (cache && !fileHasErrors) cache.recordClass(`${name.startPosition.row}:${name.startPosition.column}`, record);
  for (const item of record.items) {
    if (!item.isComment) bodyIndent ??= ' '.repeat(item.column);
    if (item.method) methods.push(fileHasErrors ? withDecoratorsByText(item.method, lines) : item.method);
    attributes.push(...item.attributes);
    annotations.push(...item.annotations);
    uncertain ||= item.isError;
  }
  // a syntax error anywhere may cut the class short or swallow methods: trust the text for their names
  const uncertainMethods = uncertain || fileHasErrors
    ? methodsByText(text, node).filter((found) => !methods.some((known) => known.name === found))
    : [];
  return {
    name: name.text,
    nameRange: rangeOf(name),
    range: rangeOf(node),
    bases,
    keywords,
    methods,
    attributes,
    uncertainMethods,
    annotations,
    bodyIndent: bodyIndent ?? '    ',
    endLine: node.endPosition.row,
  };
}

function collectAssignment(assignment: SyntaxNode, attributes: ClassAttribute[], annotations: KeyInfo[]): void {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier') return;
  if (assignment.childForFieldName('type') && !right) {
    annotations.push({ name: left.text, range: rangeOf(left) });
    return;
  }
  if (!right) return;
  // a = b = value: every target gets the value
  if (right.type === 'assignment') collectAssignment(right, attributes, annotations);
  let value: SyntaxNode | null = right;
  while (value?.type === 'assignment') value = value.childForFieldName('right');
  if (!value) return;
  const attribute: ClassAttribute = { name: left.text, range: rangeOf(left), value: value.text };
  if (value.type === 'true') attribute.literal = true;
  if (value.type === 'false') attribute.literal = false;
  if (value.type === 'dictionary') attribute.dictKeys = dictKeys(value);
  attributes.push(attribute);
}

function collectImport(statement: SyntaxNode, summary: ModuleSummary): void {
  if (statement.type === 'import_statement') {
    for (const child of statement.namedChildren) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        const module = dotted(child);
        const head = module.split('.')[0];
        summary.bindings[head] = { kind: 'module', module: head };
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name');
        const alias = child.childForFieldName('alias');
        if (name && alias) summary.bindings[alias.text] = { kind: 'module', module: dotted(name) };
      }
    }
    return;
  }
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode) return;
  let module = '';
  let level = 0;
  if (moduleNode.type === 'relative_import') {
    for (const part of moduleNode.namedChildren) {
      if (!part) continue;
      if (part.type === 'import_prefix') level = part.text.replace(/\s+/g, '').length;
      else if (part.type === 'dotted_name') module = dotted(part);
    }
  } else {
    module = dotted(moduleNode);
  }
  for (const child of statement.namedChildren) {
    if (!child || child.equals(moduleNode)) continue;
    if (child.type === 'wildcard_import') {
      summary.starImports.push({ module, level });
    } else if (child.type === 'dotted_name') {
      const name = dotted(child);
      summary.bindings[name] = { kind: 'from', module, level, name };
    } else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name');
      const alias = child.childForFieldName('alias');
      if (name && alias) summary.bindings[alias.text] = { kind: 'from', module, level, name: dotted(name) };
    }
  }
}

function collectModuleAssignment(assignment: SyntaxNode, summary: ModuleSummary): void {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return;
  if (right.type === 'dictionary') summary.dicts[left.text] = dictKeys(right);
  else if (right.type === 'identifier' || right.type === 'attribute') {
    summary.bindings[left.text] = { kind: 'alias', target: dotted(right) };
  }
}

function legacyFunction(definition: SyntaxNode, summary: ModuleSummary): void {
  const name = definition.childForFieldName('name');
  const params = definition.childForFieldName('parameters');
  if (!name || !params || !LEGACY_FUNCTIONS.has(name.text)) return;
  const first = parameters(params)?.[0];
  if (first?.name === 'state') {
    summary.legacy.push({ range: rangeOf(name), what: `module-level ${name.text}(state, host, ...)` });
  }
}

function walkStatements(container: SyntaxNode, summary: ModuleSummary, text: string, classes: SyntaxNode[]): void {
  for (const statement of container.namedChildren) {
    if (!statement) continue;
    switch (statement.type) {
      case 'import_statement':
      case 'import_from_statement':
        collectImport(statement, summary);
        break;
      case 'class_definition':
        classes.push(statement);
        break;
      case 'decorated_definition': {
        const definition = statement.childForFieldName('definition');
        if (definition?.type === 'class_definition') classes.push(definition);
        else if (definition?.type === 'function_definition') legacyFunction(definition, summary);
        break;
      }
      case 'function_definition':
        legacyFunction(statement, summary);
        break;
      case 'expression_statement': {
        const assignment = assignmentOf(statement);
        if (assignment) collectModuleAssignment(assignment, summary);
        break;
      }
      // imports and classes under `if TYPE_CHECKING:` / `try: ... except ImportError:` still bind names
      case 'if_statement':
      case 'try_statement':
      case 'elif_clause':
      case 'else_clause':
      case 'except_clause':
      case 'finally_clause':
      case 'block':
      case 'ERROR':
        walkStatements(statement, summary, text, classes);
        break;
      default:
        break;
    }
  }
}

function legacyNames(root: SyntaxNode, text: string, legacy: LegacyUse[]): void {
  const present = LEGACY_NAMES.filter((name) => text.includes(name));
  if (present.length === 0) return;
  for (const identifier of root.descendantsOfType('identifier')) {
    if (identifier && present.includes(identifier.text)) legacy.push({ range: rangeOf(identifier), what: identifier.text });
  }
}

export function summarize(path: string, text: string, tree: Tree, cache?: SummaryCache): ModuleSummary {
  const root = tree.rootNode;
  const summary: ModuleSummary = {
    path, bindings: {}, starImports: [], classes: [], dicts: {}, legacy: [], hasErrors: root.hasError,
  };
  const classNodes: SyntaxNode[] = [];
  walkStatements(root, summary, text, classNodes);
  for (const node of classNodes) {
    const found = classSummary(node, text, summary.hasErrors, cache);
    if (found) summary.classes.push(found);
  }
  cache?.rotate();
  legacyNames(root, text, summary.legacy);
  return summary;
}

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
