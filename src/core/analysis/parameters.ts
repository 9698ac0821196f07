// A parameter list node -> Parameter[] (kinds, defaults, ranges), as the rules read it.
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { Parameter } from './moduleSummary';
import { rangeOf } from './syntaxText';

export function parameters(node: SyntaxNode): Parameter[] | null {
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
      case 'positional_separator':
        for (const parameter of result) if (parameter.kind === 'positional') parameter.positionalOnly = true;
        break;
      default:
        // comments
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
