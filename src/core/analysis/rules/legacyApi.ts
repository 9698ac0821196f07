// PCK008 in Python files: names and shapes of the pyinfra 2.x connector API (module entry points: entryPoints.ts).
import { Rule, RuleContext } from './ruleContext';

const EXPLANATIONS: Record<string, string> = {
  BaseConnectorMeta: 'BaseConnectorMeta is pyinfra 2.x connector API: pyinfra 3 has no such class and the import will fail with ImportError',
  split_combined_output: 'split_combined_output is pyinfra 2.x API: pyinfra 3 removed it (run_shell_command returns CommandOutput) and the import will fail with ImportError',
  return_combined_output: 'return_combined_output is pyinfra 2.x API: pyinfra 3 never passes it, run_shell_command always returns (bool, CommandOutput)',
  EXECUTION_CONNECTOR: 'EXECUTION_CONNECTOR is pyinfra 2.x API: pyinfra 3 ignores it and reads handles_execution = True on a BaseConnector subclass',
};

function checkLegacyApi(context: RuleContext): void {
  for (const summary of context.summaries) {
    for (const use of summary.legacy) {
      context.report({
        file: summary.path,
        range: use.range,
        code: 'PCK008',
        message: EXPLANATIONS[use.what]
          ?? `${use.what} is the pyinfra 2.x connector API: pyinfra 3 never calls module-level functions, it calls methods of a BaseConnector subclass`,
      });
    }
  }
}

export const PCK008: Rule = {
  code: 'PCK008',
  severity: 'warning',
  title: 'pyinfra 2.x connector API',
  documentation: 'pyinfra 2.x connector API: a module entry point (no `:Class`), `BaseConnectorMeta`, module-level `run_shell_command(state, host, ...)`, '
    + '`split_combined_output`, `return_combined_output`, `EXECUTION_CONNECTOR`',
  check: checkLegacyApi,
};
