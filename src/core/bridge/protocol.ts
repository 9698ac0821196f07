// Types shared by the bridge client, the CLI and the extension. The wire protocol itself
// (JSON-RPC over a private pipe, wire.ts) is an implementation detail of src/core/bridge; the
// types both sides exchange are held to python/pyinfra_kit_bridge/protocol.schema.json.

/** One inventory target as `make_names_data` yielded it, after pyinfra's own processing. */
export interface HostEntry {
  name: string;
  /** JSON-safe host data; secrets are masked unless asked otherwise. */
  data: Record<string, unknown>;
  groups: string[];
  /** The target spec the host came from, e.g. "@local" or "src/conn.py:MyConnector/arg". */
  connector: string;
}

/** An installed `pyinfra.connectors` entry point. */
export interface ConnectorInfo {
  name: string;
  /** "module:Class", or a bare module for the 2.x style. */
  entryPoint: string;
  handlesExecution: boolean | null;
  /** Set when the entry point cannot be loaded; the list still holds it. */
  error?: string;
}

/** Which hosts a run addresses: every host of a target, or some of them by name. */
export interface HostSelector {
  target: string;
  hosts?: string[];
}

/** How much one answer may hold; the bridge ends a connector past them with a `limit` error. */
export interface AnswerLimits {
  /** Hosts; the bridge's default is 1,000,000. */
  hosts?: number;
  /** Bytes of host JSON; the bridge's default is 1 GB. */
  answerBytes?: number;
}

export interface InventoryOptions {
  /** Each chunk of hosts as it arrives, in order, while make_names_data is still yielding. */
  onHosts?: (chunk: HostEntry[]) => void;
  /** Hosts sent earlier whose data or groups pyinfra's Inventory has otherwise (changed after they were yielded). */
  onChanged?: (chunk: HostEntry[]) => void;
  limits?: AnswerLimits;
  /** Extra host data, as `--data key=value` gives it. */
  data?: Record<string, string>;
  timeoutMs?: number;
  showSecrets?: boolean;
  /** Unsaved editor text by absolute file path: a file target imports this instead of the file. */
  sources?: Record<string, string>;
  signal?: AbortSignal;
}

/** pyinfra's ConnectorArguments that a person can set for a run, as the bridge receives them. */
export interface RunArguments {
  sudo?: boolean;
  sudoUser?: string;
  env?: Record<string, string>;
  chdir?: string;
  /** Per-command timeout in seconds, passed to pyinfra as `_timeout`. */
  timeoutSec?: number;
  /** Hosts run at once; pyinfra's default when absent. */
  parallel?: number;
  data?: Record<string, string>;
  hostKeys?: HostKeyAcceptance;
}

export interface RunOptions extends RunArguments {
  /** Called for each output line as soon as the bridge has it. */
  onOutput?: (event: OutputEvent) => void;
  /** Called with the hosts a run will address, then with each host's result as it ends. */
  onProgress?: (event: RunProgressEvent) => void;
  signal?: AbortSignal;
  /** Unsaved editor text by absolute file path, as in InventoryOptions. */
  sources?: Record<string, string>;
}

export interface OutputEvent {
  host: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

/** How far a run, upload or download has got: `planned` once, then `finished` per host. */
export type RunProgressEvent = { planned: string[] } | { finished: HostRunResult };

export interface HostRunResult {
  host: string;
  success: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Why the host failed when it never ran the command (connect error, connector exception). */
  error?: string;
  /** The Python traceback of that exception, secrets scrubbed: where the connector raised. */
  traceback?: string;
  /** The command's exit code, when the connector let pyinfra see it (@local, @ssh). */
  exitCode?: number;
  /** Set when pyinfra's @ssh refused a host key that known_hosts does not list. */
  hostKey?: UnknownHostKey;
}

/** A host key that was refused because known_hosts does not list it. */
export interface UnknownHostKey {
  /** As known_hosts names it: `host`, or `[host]:port`. */
  host: string;
  keyType: string;
  /** `SHA256:...`, as OpenSSH prints it. */
  fingerprint: string;
  /** The target spec the refused host came from. */
  target: string;
}

/** Unknown host keys the person accepted for one call through pyinfra's @ssh. */
export interface HostKeyAcceptance {
  /** Accept any unknown key and add it to known_hosts (the CLI's --accept-new-host-key). */
  acceptNew?: boolean;
  /** Keys accepted by fingerprint; `remember` adds them to known_hosts. */
  accept?: { fingerprint: string; remember: boolean }[];
}

export type BridgeErrorKind =
  | 'connector' // the connector raised; message is its text, detail the traceback
  | 'timeout' // a call into connector code outlived its deadline; its worker was killed and will restart
  | 'exited' // a worker or the bridge process exited (os._exit, crash); the next call restarts it
  | 'malformed' // make_names_data yielded something pyinfra cannot use
  | 'pyinfra-missing' // the interpreter has no pyinfra 3.x
  | 'python-missing' // the interpreter could not be started
  | 'limit' // the connector yielded more than a limit allows (hosts, bytes of answer)
  | 'cancelled'
  | 'usage';

/** An error a UI can show as is: `message` for the person, `detail` (a traceback) for the log. */
export class BridgeError extends Error {
  constructor(
    readonly kind: BridgeErrorKind,
    message: string,
    readonly detail?: string,
    /** The target spec the error belongs to, when the bridge knows it. */
    readonly target?: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}
