// A bridge for one CLI command: the CLI's interpreter, the bridge's stderr shown only with
// --verbose, errors as one readable line (the traceback too with --verbose), and the process
// stopped when the command ends so Node can exit.
import { Bridge } from './bridge';
import { resolveCliInterpreter, type CliInterpreter } from './cliInterpreter';
import { BridgeError } from './protocol';

export interface CliSessionIo {
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliSession {
  bridge: Bridge;
  interpreter: CliInterpreter;
  /** Prints an error for a person; returns the exit code it deserves (2 for bad usage). */
  report: (error: unknown) => number;
}

export async function withCliBridge(
  command: string,
  options: { python?: string; verbose: boolean },
  io: CliSessionIo,
  work: (session: CliSession) => Promise<number>,
): Promise<number> {
  const interpreter = resolveCliInterpreter(options.python, io.env, io.cwd);
  const bridge = new Bridge({
    python: interpreter.path,
    cwd: io.cwd,
    log: options.verbose ? (line) => io.stderr(`[bridge] ${line}\n`) : undefined,
  });
  const report = (error: unknown): number => {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`pyinfra-kit ${command}: ${message}\n`);
    if (options.verbose && error instanceof BridgeError && error.detail) io.stderr(`${error.detail.trimEnd()}\n`);
    return error instanceof BridgeError && error.kind === 'usage' ? 2 : 1;
  };
  // Ctrl-C ends Node without its exit handlers: stop the bridge and what it runs first
  const onInterrupt = () => {
    bridge.dispose();
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await work({ bridge, interpreter, report });
  } catch (error) {
    if (error instanceof BridgeError) return report(error);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    bridge.dispose();
  }
}
