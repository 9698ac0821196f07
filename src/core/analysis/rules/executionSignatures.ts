// PCK005: run_shell_command, put_file and get_file must accept the call pyinfra makes.
import { MethodSummary, Parameter } from '../moduleSummary';
import { CALLS, EXECUTION_METHODS, ExecutionMethod } from '../pyinfraModel';
import { Diagnostic } from '../types';
import { RuleContext } from './ruleContext';

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

function check(method: ExecutionMethod, definition: MethodSummary, className: string, file: string): Diagnostic[] {
  if (!definition.parameters) return [];
  const isStatic = definition.decorators.some((d) => d === 'staticmethod' || d.endsWith('.staticmethod'));
  const parameters = isStatic ? definition.parameters : definition.parameters.slice(1);
  const call = CALLS[method];
  const positional = parameters.filter((p) => p.kind === 'positional');
  const hasVarArgs = parameters.some((p) => p.kind === 'varArgs');
  const hasVarKeywords = parameters.some((p) => p.kind === 'varKeywords');
  const found: Diagnostic[] = [];
  const report = (message: string) => found.push({
    file, range: definition.nameRange, severity: 'error', code: 'PCK005', message: `${method} of ${className} ${message}`,
  });
  if (positional.length < call.positional.length && !hasVarArgs) {
    report(`takes ${positional.length} argument(s) after self: pyinfra passes ${call.positional.join(', ')} by position `
      + `and will fail with TypeError (takes ${positional.length + 1} positional arguments but ${call.positional.length + 1} were given)`);
  } else if (swappedTransferParameters(method, positional)) {
    report(`has its first parameters in the wrong order (${positional[0].name}, ${positional[1].name}): pyinfra calls `
      + `${method}(${call.positional.join(', ')}, ...), so the local and remote paths will be swapped at run time`);
  }
  const accepted = new Set(parameters.map((p) => p.name));
  if (!hasVarKeywords) {
    const missing = call.keywords.filter((name) => !accepted.has(name));
    const also = missing.length > 0 ? ` nor ${missing.join(', ')}` : '';
    report(`has no **arguments${also}: pyinfra passes ${call.keywords.join(', ')} and connector arguments (_sudo, _env, ...) `
      + 'by keyword and will fail with TypeError (unexpected keyword argument)');
  }
  const passedByPosition = positional.slice(0, call.positional.length);
  for (const parameter of parameters) {
    if (parameter.hasDefault || passedByPosition.includes(parameter)) continue;
    if (parameter.kind !== 'positional' && parameter.kind !== 'keywordOnly') continue;
    if (call.keywords.includes(parameter.name)) continue;
    report(`requires ${parameter.name}, which pyinfra never passes: it will fail with TypeError (missing required argument); give it a default`);
  }
  return found;
}

export function executionSignatures(context: RuleContext): void {
  for (const { cls, file } of context.connectors) {
    for (const definition of cls.methods) {
      if ((EXECUTION_METHODS as readonly string[]).includes(definition.name)) {
        for (const diagnostic of check(definition.name as ExecutionMethod, definition, cls.name, file)) context.report(diagnostic);
      }
    }
  }
}
