// Code actions: each rule's quick fixes (found through the rule registry by the diagnostic's code, fed by
// its data), fixes that cover several diagnostics at once, and registering a class as an entry point.
import * as path from 'path';
import { contains } from './fixEdits';
import { entryPointEdit, entryPointName } from './pyproject';
import { RULES, ruleFor } from './rules/registry';
import { FixInput } from './rules/ruleContext';
import { Diagnostic, QuickFix, Range, TextEdit } from './types';
import { ReadText, WorkspaceIndex } from './workspaceIndex';

export function textOf(index: WorkspaceIndex, file: string, readText: ReadText): string | undefined {
  return index.documentText(file) ?? readText(file);
}

/** The fix input for a diagnostic in a Python file the index knows. */
function fixInput(index: WorkspaceIndex, diagnostic: Diagnostic, readText: ReadText): FixInput | undefined {
  const summary = index.summary(diagnostic.file);
  const text = textOf(index, diagnostic.file, readText);
  return summary && text !== undefined ? { index, diagnostic, summary, text } : undefined;
}

/** Fixes for one diagnostic, from its rule. */
export function quickFixesFor(index: WorkspaceIndex, diagnostic: Diagnostic, readText: ReadText): QuickFix[] {
  const fix = ruleFor(diagnostic.code)?.fix;
  const input = fix && fixInput(index, diagnostic, readText);
  return input ? fix(input) : [];
}

/** Fixes that cover several diagnostics of one rule at once (every missing method of a class). */
export function combinedFixes(index: WorkspaceIndex, diagnostics: Diagnostic[], readText: ReadText): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const rule of RULES) {
    if (!rule.fixTogether) continue;
    const mine = diagnostics.filter((d) => d.code === rule.code);
    const input = mine.length > 0 ? fixInput(index, mine[0], readText) : undefined;
    const fix = input && rule.fixTogether(input, mine);
    if (fix) fixes.push(fix);
  }
  return fixes;
}

function moduleNameFor(pyprojectDir: string, file: string): string {
  let relative = path.relative(pyprojectDir, file).replace(/\.py$/, '').split(path.sep);
  if (relative[0] === 'src' && relative.length > 1) relative = relative.slice(1);
  if (relative[relative.length - 1] === '__init__') relative = relative.slice(0, -1);
  return relative.join('.');
}

function nearestPyproject(index: WorkspaceIndex, file: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'pyproject.toml');
    if (index.entryPointTable(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** "Register as a pyinfra.connectors entry point", offered on a concrete connector class no entry point names. */
export function registerEntryPoint(
  index: WorkspaceIndex, file: string, position: Range['start'], readText: ReadText,
): QuickFix | undefined {
  const connector = index.listConnectorClasses().find((c) => c.file === file && contains(c.range, position));
  if (!connector || connector.entryPointName || connector.isBase) return undefined;
  const pyproject = nearestPyproject(index, file);
  if (!pyproject) return undefined;
  const text = textOf(index, pyproject, readText);
  if (text === undefined) return undefined;
  const name = entryPointName(connector.name);
  const change = entryPointEdit(text, name, `${moduleNameFor(path.dirname(pyproject), file)}:${connector.name}`);
  if ('error' in change) return undefined;
  const edit: TextEdit = { file: pyproject, ...change };
  return { title: `Register ${connector.name} as pyinfra connector '@${name}' in pyproject.toml`, edits: [edit] };
}
