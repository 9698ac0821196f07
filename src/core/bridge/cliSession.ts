// A bridge for one CLI command: the CLI's interpreter, the bridge's stderr shown only with
// --verbose, errors as one readable line naming its target (the traceback too with --verbose; with --json
// one JSON object per line, for the script that reads the JSON on stdout), and
// the process stopped when the command ends so Node can exit. Ctrl-C and SIGTERM stop the bridge
// the gentle way first, so nothing is left behind (partial downloads, remote commands).
import { printable, printableLines } from '../execution/printable';
import { Bridge } from './bridge';
import { resolveCliInterpreter, type CliInterpreter } from './cliInterpreter';
import { errorJson, errorLine } from './cliErrors';
import { BridgeError } from './protocol';

export interface CliSessionIo {
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliSession {
  bridge: Bridge;
  interpreter: CliInterpreter;
  /** Prints an error for a person (or with --json a script); returns the exit code it deserves (2 for bad usage). */
  report: (error: unknown) => number;
}

const EXIT_ON_SIGNAL: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export async function withCliBridge(
  command: string,
  options: { python?: string; verbose: boolean; timeoutSec?: number; json?: boolean },
  io: CliSessionIo,
  work: (session: CliSession) => Promise<number>,
): Promise<number> {
  const interpreter = resolveCliInterpreter(options.python, io.env, io.cwd);
  const bridge = new Bridge({
    python: interpreter.path,
    cwd: io.cwd,
    log: options.verbose ? (line) => io.stderr(`[bridge] ${printable(line)}\n`) : undefined,
    callTimeoutMs: () => (options.timeoutSec === undefined ? undefined : options.timeoutSec * 1000),
  });
  const report = (error: unknown): number => {
    if (options.json) io.stderr(errorJson(error, options.verbose));
    else {
      io.stderr(errorLine(command, error));
      if (options.verbose && error instanceof BridgeError && error.detail) io.stderr(`${printableLines(error.detail.trimEnd())}\n`);
    }
    return error instanceof BridgeError && error.kind === 'usage' ? 2 : 1;
  };
  // a signal ends Node without its exit handlers: stop the bridge and what it runs first
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    void bridge.shutdown().finally(() => process.exit(EXIT_ON_SIGNAL[signal]));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work({ bridge, interpreter, report });
  } catch (error) {
    if (error instanceof BridgeError) return report(error);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // with --verbose the bridge ends the gentle way, so the last lines its workers wrote (one without
    // a newline too) are shown; otherwise nothing of it is shown and it is stopped at once
    if (options.verbose) await bridge.shutdown();
    else bridge.dispose();
  }
}
