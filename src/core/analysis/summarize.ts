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

function method(definition: SyntaxNode, outer: SyntaxNode, decorators: string[]): MethodSummary | null {
  const name = definition.childForFieldName('name');
  const params = definition.childForFieldName('parameters');
  if (!name || !params) return null;
  return {
    name: name.text,
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

/** Method names inside a half-written class: text after the header up to the next unindented line. */
function methodsByText(text: string, classNode: SyntaxNode): string[] {
  const lines = text.split('\n');
  const names: string[] = [];
  for (let line = classNode.startPosition.row + 1; line < lines.length; line++) {
    const content = lines[line];
    if (/^[^\s#]/.test(content) && !content.startsWith(')')) break;
    const match = /^\s+(?:async\s+)?def\s+(\w+)/.exec(content);
    if (match) names.push(match[1]);
  }
  return names;
}

function classSummary(node: SyntaxNode, text: string, fileHasErrors: boolean): ClassSummary | null {
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
  let bodyIndent = '    ';
  let uncertain = false;
  if (body) {
    const firstStatement = body.namedChildren.find((child) => child && child.type !== 'comment');
    if (firstStatement) bodyIndent = ' '.repeat(firstStatement.startPosition.column);
    for (const statement of body.namedChildren) {
      if (!statement) continue;
      if (statement.type === 'function_definition') {
        const found = method(statement, statement, []);
        if (found) methods.push(found);
      } else if (statement.type === 'decorated_definition') {
        const definition = statement.childForFieldName('definition');
        if (definition?.type === 'function_definition') {
          const found = method(definition, statement, decoratorsOf(statement));
          if (found) methods.push(found);
        }
      } else if (statement.type === 'ERROR') {
        uncertain = true;
      } else {
        const assignment = assignmentOf(statement);
        if (assignment) collectAssignment(assignment, attributes, annotations);
      }
    }
  }
  const uncertainMethods = uncertain || (fileHasErrors && node.hasError) || (fileHasErrors && !body)
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
    bodyIndent,
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

export function summarize(path: string, text: string, tree: Tree): ModuleSummary {
  const root = tree.rootNode;
  const summary: ModuleSummary = {
    path, bindings: {}, starImports: [], classes: [], dicts: {}, legacy: [], hasErrors: root.hasError,
  };
  const classNodes: SyntaxNode[] = [];
  walkStatements(root, summary, text, classNodes);
  for (const node of classNodes) {
    const found = classSummary(node, text, summary.hasErrors);
    if (found) summary.classes.push(found);
  }
  legacyNames(root, text, summary.legacy);
  return summary;
}
