// Syntax tree -> ModuleSummary. Reads only module-level statements and class bodies; function bodies
// are never walked, which keeps a 5,000-line file cheap to summarise after every keystroke.
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import { bodyItems, decoratorsOf } from './classBody';
import { dataMetaDocs } from './hostDataSyntax';
import { ClassAttribute, ClassSummary, KeyInfo, MethodSummary, ModuleSummary } from './moduleSummary';
import { parameters } from './parameters';
import { LEGACY_FUNCTIONS, LEGACY_NAMES, LEGACY_PYINFRA_OBJECTS } from './pyinfraModel';
import { SummaryCache } from './summaryCache';
import { assignmentOf, baseText, dictKeys, dotted, rangeOf } from './syntaxText';
import { methodsByText, withDecoratorsByText } from './textRecovery';

function classSummary({ node, decorators }: ClassNode, text: string, fileHasErrors: boolean, cache: SummaryCache | undefined): ClassSummary | null {
  const name = node.childForFieldName('name');
  const body = node.childForFieldName('body');
  if (!name) return null;
  const bases: string[] = [];
  const keywords: Record<string, string> = {};
  const superclasses = node.childForFieldName('superclasses');
  for (const base of superclasses?.namedChildren ?? []) {
    const type = base?.type; // read once: each read is a call into wasm
    if (!base || type === 'comment') continue;
    if (type === 'keyword_argument') {
      const key = base.childForFieldName('name');
      const value = base.childForFieldName('value');
      if (key && value) keywords[key.text] = dotted(value);
    } else if (type !== 'list_splat' && type !== 'dictionary_splat') {
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
    for (const found of item.methods) methods.push(fileHasErrors ? withDecoratorsByText(found, lines) : found);
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
    decorators,
    methods,
    attributes,
    uncertainMethods,
    annotations,
    bodyIndent: bodyIndent ?? '    ',
    endLine: node.endPosition.row,
  };
}

// node types are read once per node: each read is a call into wasm
function collectImport(statement: SyntaxNode, type: string, summary: ModuleSummary): void {
  if (type === 'import_statement') {
    for (const child of statement.namedChildren) {
      const childType = child?.type;
      if (!child) continue;
      if (childType === 'dotted_name') {
        const module = dotted(child);
        const head = module.split('.')[0];
        summary.bindings[head] = { kind: 'module', module: head };
      } else if (childType === 'aliased_import') {
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
      const partType = part?.type;
      if (!part) continue;
      if (partType === 'import_prefix') level = part.text.replace(/\s+/g, '').length;
      else if (partType === 'dotted_name') module = dotted(part);
    }
  } else {
    module = dotted(moduleNode);
  }
  for (const child of statement.namedChildren) {
    if (!child || child.equals(moduleNode)) continue;
    const childType = child.type;
    if (childType === 'wildcard_import') {
      summary.starImports.push({ module, level });
    } else if (childType === 'dotted_name') {
      const name = dotted(child);
      summary.bindings[name] = { kind: 'from', module, level, name };
    } else if (childType === 'aliased_import') {
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
  const rightType = right.type;
  if (rightType === 'dictionary') {
    summary.dicts[left.text] = dictKeys(right);
    const docs = dataMetaDocs(right);
    if (docs) summary.metaDocs[left.text] = docs;
  }
  else if (rightType === 'identifier' || rightType === 'attribute') {
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

/** A class statement and its decorators. */
interface ClassNode {
  node: SyntaxNode;
  decorators: string[];
}

function walkStatements(container: SyntaxNode, summary: ModuleSummary, text: string, classes: ClassNode[]): void {
  for (const statement of container.namedChildren) {
    if (!statement) continue;
    const type = statement.type;
    switch (type) {
      case 'import_statement':
      case 'import_from_statement':
        collectImport(statement, type, summary);
        break;
      case 'class_definition':
        classes.push({ node: statement, decorators: [] });
        break;
      case 'decorated_definition': {
        const definition = statement.childForFieldName('definition');
        const definitionType = definition?.type;
        if (definition && definitionType === 'class_definition') classes.push({ node: definition, decorators: decoratorsOf(statement) });
        else if (definition && definitionType === 'function_definition') legacyFunction(definition, summary);
        break;
      }
      case 'function_definition':
        legacyFunction(statement, summary);
        break;
      case 'expression_statement': {
        const assignment = assignmentOf(statement, type);
        if (assignment) collectModuleAssignment(assignment, summary);
        break;
      }
      // imports and classes under `if TYPE_CHECKING:` / `try: ... except ImportError:` still bind names
      case 'except_clause': {
        // `try: from pyinfra... import BaseConnector` / `except ImportError: BaseConnector = object`: wherever
        // pyinfra is installed the import binds the name, so the fallback does not replace it
        const before = { ...summary.bindings };
        walkStatements(statement, summary, text, classes);
        Object.assign(summary.bindings, before);
        break;
      }
      case 'if_statement':
      case 'try_statement':
      case 'elif_clause':
      case 'else_clause':
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

const fromPyinfra = (module: string) => module === 'pyinfra' || module.startsWith('pyinfra.');

/** Whether an identifier names pyinfra's own object: imported from pyinfra, or an attribute of a pyinfra module. */
function comesFromPyinfra(identifier: SyntaxNode, summary: ModuleSummary, imported: Set<string>): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier)) {
    const head = dotted(parent.childForFieldName('object') ?? parent).split('.')[0];
    const binding = summary.bindings[head];
    return binding?.kind === 'module' ? fromPyinfra(binding.module) : binding?.kind === 'from' && fromPyinfra(binding.module);
  }
  return imported.has(identifier.text);
}

/** 2.x names: API objects only when they come from pyinfra (a local split_combined_output is the file's own). */
function legacyNames(root: SyntaxNode, text: string, summary: ModuleSummary): void {
  const present = LEGACY_NAMES.filter((name) => text.includes(name));
  if (present.length === 0) return;
  const imported = new Set(Object.values(summary.bindings).flatMap((b) => (b.kind === 'from' && fromPyinfra(b.module) ? [b.name] : [])));
  for (const identifier of root.descendantsOfType('identifier')) {
    if (!identifier || !present.includes(identifier.text)) continue;
    if (LEGACY_PYINFRA_OBJECTS.has(identifier.text) && !comesFromPyinfra(identifier, summary, imported)) continue;
    summary.legacy.push({ range: rangeOf(identifier), what: identifier.text });
  }
}

export function summarize(path: string, text: string, tree: Tree, cache?: SummaryCache): ModuleSummary {
  const root = tree.rootNode;
  const summary: ModuleSummary = {
    path, bindings: {}, starImports: [], classes: [], dicts: {}, metaDocs: {}, legacy: [], hasErrors: root.hasError,
  };
  const classNodes: ClassNode[] = [];
  walkStatements(root, summary, text, classNodes);
  for (const node of classNodes) {
    const found = classSummary(node, text, summary.hasErrors, cache);
    if (found) summary.classes.push(found);
  }
  cache?.rotate();
  legacyNames(root, text, summary);
  return summary;
}
