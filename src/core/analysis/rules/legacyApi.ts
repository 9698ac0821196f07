// PCK008 in Python files: names and shapes of the pyinfra 2.x connector API.
import { ModuleSummary } from '../moduleSummary';
import { Diagnostic } from '../types';

const EXPLANATIONS: Record<string, string> = {
  BaseConnectorMeta: 'BaseConnectorMeta is pyinfra 2.x connector API: pyinfra 3 has no such class and the import will fail with ImportError',
  split_combined_output: 'split_combined_output is pyinfra 2.x API: pyinfra 3 removed it (run_shell_command returns CommandOutput) and the import will fail with ImportError',
  return_combined_output: 'return_combined_output is pyinfra 2.x API: pyinfra 3 never passes it, run_shell_command always returns (bool, CommandOutput)',
  EXECUTION_CONNECTOR: 'EXECUTION_CONNECTOR is pyinfra 2.x API: pyinfra 3 ignores it and reads handles_execution = True on a BaseConnector subclass',
};

export function legacyApi(summary: ModuleSummary): Diagnostic[] {
  return summary.legacy.map((use) => ({
    file: summary.path,
    range: use.range,
    severity: 'warning',
    code: 'PCK008',
    message: EXPLANATIONS[use.what]
      ?? `${use.what} is the pyinfra 2.x connector API: pyinfra 3 never calls module-level functions, it calls methods of a BaseConnector subclass`,
  }));
}
