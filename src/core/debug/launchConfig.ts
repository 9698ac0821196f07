// A `pyinfra-connector` launch configuration: what it asks for, the one bridge request it stands for, and
// the launch arguments debugpy's adapter needs to run that request under the debugger (gevent support on).
import * as path from 'path';

export const DEBUG_TYPE = 'pyinfra-connector';
export const DEBUG_ACTIONS = ['inventory', 'run', 'put', 'get', 'test'] as const;
export type DebugAction = (typeof DEBUG_ACTIONS)[number];

/** The attributes a person writes in launch.json (package.json's `debuggers` schema says the same). */
export interface ConnectorLaunch {
  name?: string;
  target?: string;
  action?: DebugAction;
  command?: string;
  host?: string;
  local?: string;
  remote?: string;
  justMyCode?: boolean;
  /** The interpreter to debug with, instead of the kit's own (pyinfraConnectors.python). */
  python?: string;
}

/** The bridge method and its parameters, as the normal bridge would receive them. */
export interface BridgeRequest {
  method: string;
  params: Record<string, unknown>;
}

const PAUSABLE_CHECK_TIMEOUT_S = 3600;

/** What a "Debug" on a host or above run_shell_command offers to run. */
export const DEFAULT_DEBUG_COMMAND = 'uname -a';
/** What a "Debug" above get_file offers to download: a file every Unix host has. */
export const DEFAULT_DEBUG_DOWNLOAD = '/etc/hostname';

/** Where an upload of `local` goes unless the person says otherwise. */
export function defaultUploadPath(local: string): string {
  return path.posix.join('/tmp', path.basename(local));
}

/** A fresh local file in `tmpdir` for a download nobody gave a place to. */
export function downloadPathIn(tmpdir: string, remote: string, now = Date.now()): string {
  return path.join(tmpdir, `pyinfra-kit-debug-${now}-${path.posix.basename(remote)}`);
}

export type Checked<T> = { ok: T } | { error: string };

function needs(action: DebugAction, attribute: keyof ConnectorLaunch): string {
  return `action "${action}" needs "${attribute}"`;
}

/** The bridge request a launch configuration stands for, or what is missing from it. */
export function bridgeRequestFor(launch: ConnectorLaunch): Checked<BridgeRequest> {
  const target = launch.target?.trim();
  if (!target) return { error: 'a pyinfra-connector launch needs "target", e.g. "connectors/demo.py:DemoConnector/web" or "@local"' };
  const action = launch.action ?? 'inventory';
  if (!DEBUG_ACTIONS.includes(action)) return { error: `"action" is "${String(action)}"; it is one of ${DEBUG_ACTIONS.join(', ')}` };
  const selector = launch.host ? { target, hosts: [launch.host] } : { target };
  switch (action) {
    case 'inventory':
      return { ok: { method: 'inventory', params: { targets: [target], data: {}, showSecrets: false, sources: {} } } };
    case 'run':
      if (!launch.command) return { error: needs(action, 'command') };
      return { ok: { method: 'run', params: { selectors: [selector], command: launch.command, options: {}, sources: {} } } };
    case 'put':
    case 'get':
      if (!launch.local) return { error: needs(action, 'local') };
      if (!launch.remote) return { error: needs(action, 'remote') };
      return { ok: { method: action, params: { selector, local: launch.local, remote: launch.remote, options: {} } } };
    case 'test':
      // a check paused at a breakpoint must not time out while a person looks at it
      return { ok: { method: 'test', params: { target, timeoutSec: PAUSABLE_CHECK_TIMEOUT_S } } };
  }
}

export interface DebuggeeFiles {
  /** The interpreter the bridge would use; it runs debugpy's adapter and the debuggee. */
  python: string;
  /** The bridge's Python folder (python/ or dist/python). */
  pythonDir: string;
  /** The workspace folder: relative targets and paths resolve there. */
  cwd: string;
  /** Where the debuggee writes the bridge's reply. */
  resultFile: string;
}

/** The attributes debugpy's adapter reads from the launch request; the kit's own ones stay beside them. */
export function debugpyLaunchArguments(launch: ConnectorLaunch, request: BridgeRequest, files: DebuggeeFiles): Record<string, unknown> {
  return {
    python: files.python,
    program: path.join(files.pythonDir, 'pyinfra_kit_bridge', 'debug_entry.py'),
    args: [JSON.stringify(request), files.resultFile],
    cwd: files.cwd,
    // pyinfra runs hosts in greenlets: debugpy sets GEVENT_SUPPORT=True in the debuggee for this
    gevent: true,
    justMyCode: launch.justMyCode ?? true,
    // the kit's own frames are not the person's code: stepping out of make_names_data skips the bridge
    rules: [{ module: 'pyinfra_kit_bridge', include: false }],
    // output events to the debug console; no terminal is needed for the debuggee
    console: 'internalConsole',
    redirectOutput: true,
    // the request runs in this one process; commands the connector starts are not Python to follow
    subProcess: false,
    env: { PYTHONDONTWRITEBYTECODE: '1' },
  };
}

/** A launch configuration for one target and action, as the CodeLens and the tree menu start it. */
export function launchFor(target: string, action: DebugAction, extra: Omit<ConnectorLaunch, 'target' | 'action'> = {}): ConnectorLaunch & { type: string; request: 'launch'; name: string } {
  const on = extra.host ? ` on ${extra.host}` : '';
  return { type: DEBUG_TYPE, request: 'launch', name: `Debug ${action} of ${target}${on}`, target, action, justMyCode: true, ...extra };
}

/** The bridge's reply as the debuggee wrote it. */
export type DebugReply = { result: unknown } | { error: { kind: string; message: string; detail?: string } };

export function parseReply(text: string | undefined): DebugReply {
  if (text === undefined || text.trim() === '') return { error: { kind: 'exited', message: 'The debugged request ended before it answered (stopped, or the process exited)' } };
  try {
    const reply = JSON.parse(text) as Partial<{ result: unknown; error: { kind: string; message: string; detail?: string } }>;
    if (reply.error) return { error: reply.error };
    if ('result' in reply) return { result: reply.result };
  } catch {
    // falls through: a cut-off file is as good as none
  }
  return { error: { kind: 'malformed', message: 'The debugged request wrote an answer that is not JSON' } };
}
