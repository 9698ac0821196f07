// PCK001, PCK002: methods a concrete connector class needs, own or inherited.
import { ClassFacts } from '../connectorFacts';
import { addMethods, findClass, samePosition } from '../fixEdits';
import { EXECUTION_METHODS, ExecutionMethod } from '../pyinfraModel';
import type { QuickFix } from '../types';
import { FixInput, Rule, RuleContext } from './ruleContext';

/** pyinfra's BaseConnector.make_names_data (returns None) comes first in the order, or nothing is known. */
function namesFromBaseConnector(facts: ClassFacts): boolean {
  const found = facts.lookup('make_names_data');
  return found.kind === 'defined' && found.in.kind === 'builtin' && found.abstract;
}

/** A later base defines it, but BaseConnector comes first in the method resolution order. */
function shadowedNote(facts: ClassFacts, method: string): string {
  const later = facts.workspaceBases.some((base) => {
    const found = base.lookup(method);
    return found.kind === 'defined' && !found.abstract;
  });
  return later ? ` (a later base defines ${method}, but BaseConnector's comes first in the method resolution order: list that base before BaseConnector)` : '';
}

function checkMissingMethods(context: RuleContext): void {
  for (const facts of context.connectors) {
    if (!facts.certain || context.isBase(facts)) continue;
    const { cls, file } = facts;
    if (namesFromBaseConnector(facts)) {
      context.report({
        file, range: cls.nameRange, code: 'PCK001',
        message: `${cls.name} has no make_names_data of its own or inherited: pyinfra will call BaseConnector.make_names_data, `
          + `which returns None, and fail with TypeError ('NoneType' object is not iterable) when it builds the inventory${shadowedNote(facts, 'make_names_data')}`,
      });
    }
    if (facts.handlesExecution !== true) continue;
    for (const method of EXECUTION_METHODS) {
      const found = facts.lookup(method);
      if (found.kind !== 'defined' || !found.abstract) continue;
      context.report({
        file, range: cls.nameRange, code: 'PCK002', data: { method },
        message: `${cls.name} sets handles_execution = True but has no ${method}: pyinfra will fail with TypeError `
          + `when it instantiates ${cls.name} (can't instantiate abstract class with abstract method ${method})${shadowedNote(facts, method)}`,
      });
    }
  }
}

const isExecutionMethod = (name: unknown): name is ExecutionMethod => (EXECUTION_METHODS as readonly unknown[]).includes(name);

/** The one-method fix of PCK001 and PCK002: the method with pyinfra's signature, at the end of the class. */
function addMethodFix(code: 'PCK001' | 'PCK002', { diagnostic, summary, text }: FixInput, method: 'make_names_data' | ExecutionMethod): QuickFix[] {
  const cls = findClass(summary, diagnostic.range);
  return cls ? [{
    title: `Add ${method} with pyinfra's signature`, code, isPreferred: true,
    edits: [addMethods(diagnostic.file, text, cls, [method])],
  }] : [];
}

export const PCK001: Rule = {
  code: 'PCK001',
  severity: 'error',
  title: 'connector class without make_names_data (own or inherited)',
  documentation: 'a connector class with no `make_names_data`, own or inherited',
  fixDocumentation: 'add it, with pyinfra\'s signature and docstring',
  check: checkMissingMethods,
  fix: (input) => addMethodFix('PCK001', input, 'make_names_data'),
};

export const PCK002: Rule = {
  code: 'PCK002',
  severity: 'error',
  title: 'handles_execution = True but run_shell_command, put_file or get_file missing',
  documentation: '`handles_execution = True` (own or inherited) but `run_shell_command`, `put_file` or `get_file` missing, one diagnostic per method',
  fixDocumentation: 'add the method (or all of them) with pyinfra\'s signature and docstring',
  check: checkMissingMethods,
  fix(input) {
    const method = input.diagnostic.data?.method;
    return isExecutionMethod(method) ? addMethodFix('PCK002', input, method) : [];
  },
  fixTogether({ summary, text }, diagnostics) {
    const { file, range } = diagnostics[0];
    const cls = findClass(summary, range);
    const methods = diagnostics.filter((d) => d.file === file && samePosition(d.range.start, range.start)).map((d) => d.data?.method);
    const names = EXECUTION_METHODS.filter((method) => methods.includes(method));
    if (!cls || names.length < 2) return undefined;
    return { title: `Add ${names.join(', ')} with pyinfra's signatures`, code: 'PCK002', edits: [addMethods(file, text, cls, names)] };
  },
};
