// PCK005: run_shell_command, put_file and get_file must accept the call pyinfra makes.
import { addArguments, findMethod, swapFirstParameters } from '../fixEdits';
import { MethodSummary, Parameter } from '../moduleSummary';
import { isOverload, isStaticmethod } from '../connectorFacts';
import { CALLS, CONNECTOR_ARGUMENTS, EXECUTION_METHODS, ExecutionMethod } from '../pyinfraModel';
import { SignatureDefect } from '../types';
import { Finding, Rule, RuleContext } from './ruleContext';

const isRemote = (name: string) => /remote/i.test(name);
const isLocal = (name: string) => !isRemote(name) && (/local|filename_or_io|^(fp|fd|io|fileobj|file_io)$/i.test(name));

/** The two first parameters of put_file/get_file are in the wrong order, judged by their names. */
export function swappedTransferParameters(method: ExecutionMethod, positional: Parameter[]): boolean {
  if (method === 'run_shell_command' || positional.length < 2) return false;
  const [first, second] = positional;
  return method === 'put_file'
    ? isRemote(first.name) || isLocal(second.name)
    : isLocal(first.name) || isRemote(second.name);
}

function check(method: ExecutionMethod, definition: MethodSummary, className: string, file: string): Finding[] {
  if (!definition.parameters) return [];
  const parameters = isStaticmethod(definition) ? definition.parameters : definition.parameters.slice(1);
  const call = CALLS[method];
  const positional = parameters.filter((p) => p.kind === 'positional');
  const hasVarArgs = parameters.some((p) => p.kind === 'varArgs');
  const hasVarKeywords = parameters.some((p) => p.kind === 'varKeywords');
  const found: Finding[] = [];
  const report = (defect: SignatureDefect, message: string) => found.push({
    file, range: definition.nameRange, code: 'PCK005', message: `${method} of ${className} ${message}`, data: { method, defect },
  });
  if (positional.length < call.positional.length && !hasVarArgs) {
    report('tooFewPositional', `takes ${positional.length} argument(s) after self: pyinfra passes ${call.positional.join(', ')} by position `
      + `and will fail with TypeError (takes ${positional.length + 1} positional arguments but ${call.positional.length + 1} were given)`);
  } else if (swappedTransferParameters(method, positional)) {
    report('swapped', `has its first parameters in the wrong order (${positional[0].name}, ${positional[1].name}): pyinfra calls `
      + `${method}(${call.positional.join(', ')}, ...), so the local and remote paths will be swapped at run time`);
  }
  // a positional-only name cannot take pyinfra's keywords (with **kwargs they land there instead)
  const accepted = new Set(parameters.filter((p) => !p.positionalOnly).map((p) => p.name));
  if (!hasVarKeywords) {
    const missing = call.keywords.filter((name) => !accepted.has(name));
    const also = missing.length > 0 ? ` nor ${missing.join(', ')}` : '';
    report('noVarKeywords', `has no **arguments${also}: pyinfra passes ${call.keywords.join(', ')} and connector arguments (_sudo, _env, ...) `
      + 'by keyword and will fail with TypeError (unexpected keyword argument)');
  }
  const passedByPosition = positional.slice(0, call.positional.length);
  for (const parameter of parameters) {
    if (parameter.hasDefault || passedByPosition.includes(parameter)) continue;
    if (parameter.kind !== 'positional' && parameter.kind !== 'keywordOnly') continue;
    if (parameter.positionalOnly) {
      report('requiredUnpassed', `requires ${parameter.name} by position only, but pyinfra passes only ${call.positional.join(', ')} by position `
        + `(${parameter.name} by keyword, if at all): it will fail with TypeError (missing required positional argument); drop the / or give it a default`);
      continue;
    }
    if (call.keywords.includes(parameter.name) || CONNECTOR_ARGUMENTS.includes(parameter.name)) continue;
    report('requiredUnpassed', `requires ${parameter.name}, which pyinfra never passes: it will fail with TypeError (missing required argument); give it a default`);
  }
  return found;
}

function checkExecutionSignatures(context: RuleContext): void {
  for (const { cls, file } of context.connectors) {
    for (const definition of cls.methods) {
      // typing.overload stubs are never called: only the implementation is
      if ((EXECUTION_METHODS as readonly string[]).includes(definition.name) && !isOverload(definition.decorators)) {
        for (const diagnostic of check(definition.name as ExecutionMethod, definition, cls.name, file)) context.report(diagnostic);
      }
    }
  }
}

export const PCK005: Rule = {
  code: 'PCK005',
  severity: 'error',
  title: 'execution method signature pyinfra cannot call',
  documentation: 'a signature pyinfra cannot call: `put_file(filename_or_io, remote_filename, ...)` / `get_file(remote_filename, filename_or_io, ...)` '
    + 'in the wrong order, too few positional parameters, no `**kwargs` (pyinfra passes `print_output`, `print_input`, `remote_temp_filename` '
    + 'and connector arguments by keyword), a required parameter pyinfra never passes',
  fixDocumentation: 'swap the parameters; add `**arguments`',
  check: checkExecutionSignatures,
  fix({ diagnostic, summary, text }) {
    const method = findMethod(summary, diagnostic.range);
    if (!method) return [];
    switch (diagnostic.data?.defect) {
      case 'swapped': {
        const edits = swapFirstParameters(diagnostic.file, text, method);
        return edits.length ? [{ title: `Swap the first two parameters of ${method.name}`, code: 'PCK005', isPreferred: true, edits }] : [];
      }
      case 'noVarKeywords': {
        const edit = addArguments(diagnostic.file, method);
        return edit ? [{ title: `Add **arguments to ${method.name}`, code: 'PCK005', isPreferred: true, edits: [edit] }] : [];
      }
      default:
        return [];
    }
  },
};
