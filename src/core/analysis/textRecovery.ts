// Text recovery while a file has syntax errors: method names and decorators read from the text, so
// half-typed code does not light up with false "missing method" errors.
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { CHECKED_METHODS } from './classBody';
import { MethodSummary } from './moduleSummary';

/**
 * Method names of a class in a file with syntax errors: indented `def`s after the header, up to the next
 * top-level definition. Stray unindented text being typed does not end the class: the methods below it
 * are still the class's once the line is finished.
 */
export function methodsByText(text: string, classNode: SyntaxNode): string[] {
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
export function withDecoratorsByText(method: MethodSummary, lines: string[]): MethodSummary {
  if (method.decorators.length > 0 || !CHECKED_METHODS.has(method.name)) return method;
  const decorators: string[] = [];
  for (let line = method.nameRange.start.line - 1; line >= 0 && line >= method.nameRange.start.line - 4; line--) {
    const decorator = /^\s*@([\w.]+)/.exec(lines[line]);
    if (decorator) decorators.unshift(decorator[1]);
    else if (/^\s*(?:def|class|async\s+def)\b/.test(lines[line])) break;
  }
  return decorators.length > 0 ? { ...method, decorators } : method;
}
