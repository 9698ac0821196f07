// What the analyser knows of pyinfra 3.x itself: BaseConnector, the built-in connectors, and the exact
// signatures and docstrings pyinfra documents (used by rules, quick fixes and hover).
import tables from './pyinfraTables.json';

export const BASE_MODULE = 'pyinfra.connectors.base';
export const BASE_CLASS = 'BaseConnector';

export interface BuiltinConnector {
  module: string;
  name: string;
  handlesExecution: boolean;
  /** BaseConnector's public methods it has concretely, its own or inherited. */
  methods: string[];
  /** Those it has only as BaseConnector's abstract methods. */
  abstractMethods?: string[];
}

/** BaseConnector and the connectors pyinfra registers itself, read from the installed pyinfra (test_pyinfra_tables.py). */
export const BUILTIN_CONNECTORS: readonly BuiltinConnector[] = tables.connectors;

export function builtinConnector(module: string, name: string): BuiltinConnector | undefined {
  return BUILTIN_CONNECTORS.find((known) => known.module === module && known.name === name);
}

/** Names of the pyinfra 2.x connector API (PCK008). */
export const LEGACY_NAMES = ['BaseConnectorMeta', 'split_combined_output', 'return_combined_output', 'EXECUTION_CONNECTOR'];
/** 2.x names of objects pyinfra itself provided (the others are conventions a connector module followed). */
export const LEGACY_PYINFRA_OBJECTS: ReadonlySet<string> = new Set(['BaseConnectorMeta', 'split_combined_output']);
/** Functions a pyinfra 2.x connector module defined at module level, all taking (state, host, ...). */
export const LEGACY_FUNCTIONS: ReadonlySet<string> = new Set(['run_shell_command', 'put_file', 'get_file', 'connect', 'make_names_data']);

/** Bases outside the workspace that add no connector methods, so they never hide a missing one. */
export const NEUTRAL_BASES = new Set([
  'object', 'abc.ABC', 'typing.Generic', 'typing.Protocol', 'typing_extensions.Generic', 'typing_extensions.Protocol',
]);

export const EXECUTION_METHODS = ['run_shell_command', 'put_file', 'get_file'] as const;
export type ExecutionMethod = typeof EXECUTION_METHODS[number];

/** How pyinfra calls each method: positional parameters after self, then keywords it passes by name. */
export const CALLS: Record<ExecutionMethod, { positional: string[]; keywords: string[] }> = {
  run_shell_command: { positional: ['command'], keywords: ['print_output', 'print_input'] },
  put_file: { positional: ['filename_or_io', 'remote_filename'], keywords: ['remote_temp_filename', 'print_output', 'print_input'] },
  get_file: { positional: ['remote_filename', 'filename_or_io'], keywords: ['remote_temp_filename', 'print_output', 'print_input'] },
};

/**
 * pyinfra.api.arguments.ConnectorArguments: pyinfra's operations and facts pass every one of them to
 * run_shell_command/put_file/get_file (pop_global_arguments fills in each default), so a parameter named
 * like one is always given. Read from the installed pyinfra (test/python/test_pyinfra_tables.py).
 */
export const CONNECTOR_ARGUMENTS: readonly string[] = tables.connectorArguments;

export interface DataKeyDoc {
  /** The annotation as written (`str`, `int`, `NotRequired[int]` reduced to `int`), when known. */
  type?: string;
  description?: string;
  /** The data_meta default, as written in Python. */
  default?: string;
}

/** @ssh's host data keys, which pyinfra uses for the hosts of an inventory-only connector. */
export const SSH_DATA: ReadonlyMap<string, DataKeyDoc> = new Map(Object.entries(tables.sshData).map(([key, doc]) => [key, {
  type: doc.type,
  description: doc.description,
  default: doc.default === null ? 'None' : typeof doc.default === 'boolean' ? (doc.default ? 'True' : 'False')
    : typeof doc.default === 'string' ? JSON.stringify(doc.default) : String(doc.default),
}]));

/** put_file and get_file as BaseConnector declares them: the same parameters after the two paths. */
function transferStub(name: string, paths: [string, string], summary: string[]): string {
  return `def ${name}(
    self,
    ${paths[0]},
    ${paths[1]},
    remote_temp_filename=None,
    print_output: bool = False,
    print_input: bool = False,
    **arguments,
) -> bool:
    """
${summary.map((line) => `    ${line}`).join('\n')}

    Returns:
        bool: indicating success or failure.
    """
    raise NotImplementedError
`;
}

/** Method stubs as pyinfra's BaseConnector declares them, indented one level (4 spaces). */
export const METHOD_STUBS: Record<'make_names_data' | ExecutionMethod, string> = {
  make_names_data: `@staticmethod
def make_names_data(name=None):
    """
    Generate inventory targets. This is a staticmethod because each yield will become a new host
    object with a new (ie not this) instance of the connector.

    Yields:
        tuple: (name, data, groups)
    """
    raise NotImplementedError
`,
  run_shell_command: `def run_shell_command(
    self,
    command,
    print_output: bool = False,
    print_input: bool = False,
    **arguments,
):
    """
    Execute a command.

    Args:
        command (StringCommand): actual command to execute
        print_output (bool): whether to print command output
        print_input (bool): whether to print command input
        arguments: (ConnectorArguments): connector global arguments

    Returns:
        tuple: (bool, CommandOutput)
        Bool indicating success and CommandOutput with stdout/stderr lines.
    """
    raise NotImplementedError
`,
  put_file: transferStub('put_file', ['filename_or_io', 'remote_filename'], [
    'Upload a local file or IO object by copying it to a temporary directory',
    'and then writing it to the upload location.',
  ]),
  get_file: transferStub('get_file', ['remote_filename', 'filename_or_io'], [
    'Download a local file by copying it to a temporary location and then writing',
    'it to our filename or IO object.',
  ]),
};

/** Hover text for connector methods: what pyinfra passes, what it expects back. */
export const METHOD_HOVER: Record<string, string> = {
  make_names_data: [
    '**make_names_data(name)** — `@staticmethod`, called on the class by pyinfra\'s inventory.',
    '',
    'pyinfra passes one positional argument: the text after `/` in `@connector/arg`, or `None` for `@connector`.',
    '',
    'Must return or yield `(name, data, groups)` tuples: `name: str`, `data: dict` (host data), `groups: list[str]`.',
  ].join('\n'),
  run_shell_command: [
    '**run_shell_command(command, print_output=..., print_input=..., \\*\\*arguments)**',
    '',
    'pyinfra passes `command` (a `StringCommand`) by position, `print_output`/`print_input` by keyword, and the',
    'connector arguments (`_sudo`, `_sudo_user`, `_su_user`, `_env`, `_chdir`, `_timeout`, `_success_exit_codes`, ...) as `**arguments`.',
    '',
    'Must return `(bool, CommandOutput)`: success, and `CommandOutput([OutputLine("stdout"|"stderr", line), ...])`.',
  ].join('\n'),
  put_file: [
    '**put_file(filename_or_io, remote_filename, remote_temp_filename=..., print_output=..., print_input=..., \\*\\*arguments)**',
    '',
    'pyinfra passes the local path or file-like object, then the remote path, by position; the rest by keyword,',
    'with connector arguments (`_sudo`, `_env`, ...) in `**arguments`.',
    '',
    'Must return `bool`: whether the upload succeeded.',
  ].join('\n'),
  get_file: [
    '**get_file(remote_filename, filename_or_io, remote_temp_filename=..., print_output=..., print_input=..., \\*\\*arguments)**',
    '',
    'pyinfra passes the remote path, then the local path or file-like object, by position; the rest by keyword,',
    'with connector arguments (`_sudo`, `_env`, ...) in `**arguments`.',
    '',
    'Must return `bool`: whether the download succeeded.',
  ].join('\n'),
  connect: '**connect()** — called once per host before the first command; raise `pyinfra.api.exceptions.ConnectError` to report failure. Returns nothing.',
  disconnect: '**disconnect()** — called once per host when pyinfra is done with it. Returns nothing.',
};
