// "Create Connector…": a connector module and its pyproject.toml entry point, written so that
// the linter finds nothing to flag in them.

export interface ConnectorPlan {
  className: string;
  /** Path relative to the workspace root, with forward slashes, ending in .py. */
  modulePath: string;
  handlesExecution: boolean;
}

export function isValidClassName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** "MyCloudConnector" -> "my_cloud". */
export function entryPointName(className: string): string {
  const base = className.replace(/Connector$/, '') || className;
  return base.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
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

const EXECUTION_METHODS = `
    def run_shell_command(
        self,
        command: StringCommand,
        print_output: bool = False,
        print_input: bool = False,
        **arguments: Unpack["ConnectorArguments"],
    ) -> tuple[bool, CommandOutput]:
        """
        Execute a command on the host.

        Returns:
            tuple: (bool, CommandOutput)
            Bool indicating success and CommandOutput with stdout/stderr lines.
        """
        raise NotImplementedError("run_shell_command is not written yet")

    def put_file(
        self,
        filename_or_io,
        remote_filename,
        remote_temp_filename=None,
        print_output: bool = False,
        print_input: bool = False,
        **arguments: Unpack["ConnectorArguments"],
    ) -> bool:
        """
        Upload a local file or IO object to remote_filename on the host.

        Returns:
            bool: indicating success or failure.
        """
        raise NotImplementedError("put_file is not written yet")

    def get_file(
        self,
        remote_filename,
        filename_or_io,
        remote_temp_filename=None,
        print_output: bool = False,
        print_input: bool = False,
        **arguments: Unpack["ConnectorArguments"],
    ) -> bool:
        """
        Download remote_filename from the host into a local file or IO object.

        Returns:
            bool: indicating success or failure.
        """
        raise NotImplementedError("get_file is not written yet")
`;

export function connectorModule(plan: ConnectorPlan): string {
  const header = plan.handlesExecution
    ? `from __future__ import annotations

from typing import TYPE_CHECKING

from pyinfra.connectors.base import BaseConnector

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from pyinfra.api.arguments import ConnectorArguments
    from pyinfra.api.command import StringCommand
    from pyinfra.connectors.util import CommandOutput
`
    : `from pyinfra.connectors.base import BaseConnector
`;
  const doc = plan.handlesExecution
    ? 'Lists hosts and executes commands on them.'
    : 'Lists hosts; pyinfra reaches them over SSH.';
  return `"""A pyinfra connector: \`pyinfra @${entryPointName(plan.className)} ...\`."""

${header}

class ${plan.className}(BaseConnector):
    """${doc}"""

    handles_execution = ${plan.handlesExecution ? 'True' : 'False'}

${INVENTORY_METHOD}${plan.handlesExecution ? EXECUTION_METHODS : ''}`;
}

const SECTION = `[project.entry-points.'pyinfra.connectors']`;
const SECTION_PATTERN = /^\[project\.entry-points\.(['"])pyinfra\.connectors\1\]\s*$/m;

/** pyproject.toml with `name = 'module:Class'` registered, creating the file or the section as needed. */
export function withEntryPoint(pyproject: string | undefined, projectName: string, name: string, value: string): string {
  const line = `${name} = '${value}'`;
  if (pyproject === undefined) {
    return `[project]\nname = "${projectName}"\nversion = "0.1.0"\ndependencies = ["pyinfra>=3,<4"]\n\n${SECTION}\n${line}\n`;
  }
  const match = SECTION_PATTERN.exec(pyproject);
  if (!match) return `${pyproject.replace(/\s*$/, '\n')}\n${SECTION}\n${line}\n`;
  const insertAt = match.index + match[0].length;
  return `${pyproject.slice(0, insertAt)}\n${line}${pyproject.slice(insertAt)}`;
}
