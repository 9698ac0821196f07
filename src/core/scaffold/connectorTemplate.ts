// "Create Connector…": a connector module and a pyproject.toml that registers it (build system, project, entry
// point), written so that the linter finds nothing to flag and `pip install -e` makes `@name` work in pyinfra.
import { EXECUTION_METHODS, METHOD_STUBS } from '../analysis/pyinfraModel';
import { SETUPTOOLS_BACKEND } from './editableInstall';
import { applyChange, entryPointEdit, entryPointName, parseEntryPoints, pyprojectValues, tableEdit, type TextChange } from '../analysis/pyproject';

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

/** What a pyproject.toml needs so that `pip install -e` makes `@name` work in pyinfra. */
export interface ProjectPlan {
  /** For a new [project] table: the workspace folder's name, made a valid project name. */
  projectName: string;
  entryPoint: string;
  /** `module:Class`. */
  value: string;
}

/** The build backend written when the file names none: setuptools builds editable installs from 64 on (PEP 660). */
export const BUILD_SYSTEM = ['requires = ["setuptools>=64"]', `build-backend = "${SETUPTOOLS_BACKEND}"`];

/**
 * pyproject.toml completed for the connector: a [build-system] when it has none, [project] with a name and a
 * version (unless dynamic), and the `pyinfra.connectors` entry point; every change made by tableEdit, so the rest
 * of the file stays as it was. Throws when the file is not TOML or already registers the name.
 */
export function connectorPyproject(pyproject: string | undefined, plan: ProjectPlan): string {
  let text = pyproject ?? '';
  const values = pyprojectValues(text);
  if ('error' in values) throw new Error(values.error);
  const apply = (change: TextChange | { error: string }) => {
    if ('error' in change) throw new Error(change.error);
    text = applyChange(text, change);
  };
  const existing = parseEntryPoints('pyproject.toml', text).entries.find((entry) => entry.name === plan.entryPoint);
  if (existing) throw new Error(`pyproject.toml already registers the entry point '${plan.entryPoint}' (${existing.value}); choose another name`);
  if (!values['build-system']) apply(tableEdit(text, [['build-system']], BUILD_SYSTEM));
  const project = values.project;
  const dynamic: unknown[] = Array.isArray(project?.dynamic) ? project.dynamic : [];
  const projectLines = [
    ...(project?.name ? [] : [`name = "${plan.projectName}"`]),
    ...(project?.version || dynamic.includes('version') ? [] : ['version = "0.1.0"']),
    ...(project ? [] : ['dependencies = ["pyinfra>=3,<4"]']),
  ];
  if (projectLines.length > 0) apply(tableEdit(text, [['project']], projectLines));
  apply(entryPointEdit(text, plan.entryPoint, plan.value));
  return text;
}

/** A project name from a folder's name: "My Connectors" -> "my-connectors". */
export function projectNameFor(folderName: string): string {
  return folderName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'connectors';
}

/** An entry-point name `@name/arg` can use: no `/`, `=` or spaces. */
export function isValidEntryPointName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name);
}
