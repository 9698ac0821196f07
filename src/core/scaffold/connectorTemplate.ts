// "Create Connector…": a connector module and its pyproject.toml entry point, written so that
// the linter finds nothing to flag in them.
import { EXECUTION_METHODS, METHOD_STUBS } from '../analysis/pyinfraModel';
import { applyChange, entryPointEdit, entryPointName } from '../analysis/pyproject';

export { entryPointName };

export interface ConnectorPlan {
  className: string;
  /** Path relative to the workspace root, with forward slashes, ending in .py. */
  modulePath: string;
  handlesExecution: boolean;
}

export function isValidClassName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** "src/pkg/my_conn.py" -> "pkg.my_conn" (a src/ layout's src is not part of the module name). */
export function moduleName(modulePath: string): string {
  return modulePath.replace(/^src\//, '').replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

const INVENTORY_METHOD = `    @staticmethod
    def make_names_data(name=None):
        """
        Generate inventory targets: called as make_names_data(arg), arg being the text after
        the first "/" of the target (\`@NAME/arg\`) or None.

        Yields:
            tuple: (name, data, groups)
        """
        yield "example-host", {"description": f"argument: {name!r}"}, ["example"]
`;

/** pyinfra's own execution method stubs, one level into the class body. */
function executionMethods(): string {
  return EXECUTION_METHODS.map((method) => `\n${indent(METHOD_STUBS[method])}`).join('');
}

function indent(block: string): string {
  return block.replace(/^(?=.)/gm, '    ');
}

export function connectorModule(plan: ConnectorPlan): string {
  const doc = plan.handlesExecution
    ? 'Lists hosts and executes commands on them.'
    : 'Lists hosts; pyinfra reaches them over SSH.';
  return `"""A pyinfra connector: \`pyinfra @${entryPointName(plan.className)} ...\`."""

from pyinfra.connectors.base import BaseConnector


class ${plan.className}(BaseConnector):
    """${doc}"""

    handles_execution = ${plan.handlesExecution ? 'True' : 'False'}

${INVENTORY_METHOD}${plan.handlesExecution ? executionMethods() : ''}`;
}

/** pyproject.toml with `name = 'module:Class'` registered, creating the file or the section as needed. */
export function withEntryPoint(pyproject: string | undefined, projectName: string, name: string, value: string): string {
  const text = pyproject ?? `[project]\nname = "${projectName}"\nversion = "0.1.0"\ndependencies = ["pyinfra>=3,<4"]\n`;
  const change = entryPointEdit(text, name, value);
  if ('error' in change) throw new Error(change.error);
  return applyChange(text, change);
}
