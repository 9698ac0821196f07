// How a CLI command prints an error: one line for a person, or with --json one JSON object for the
// script reading stdout. Apart from cliSession so main can print its own errors without the bridge.
import { printable } from '../execution/printable';
import { BridgeError } from './protocol';

/** An error as --json prints it on stderr: `{"error": {"kind", "message", "target"?, "detail"?}}`, one line. */
export function errorJson(error: unknown, withDetail: boolean): string {
  const described = error instanceof BridgeError
    ? { kind: error.kind, message: error.message, ...(error.target ? { target: error.target } : {}), ...(withDetail && error.detail ? { detail: error.detail } : {}) }
    : { kind: 'internal', message: error instanceof Error ? error.message : String(error), ...(withDetail && error instanceof Error && error.stack ? { detail: error.stack } : {}) };
  return `${JSON.stringify({ error: described })}\n`;
}

/** The one line a person sees: the target first when the message does not already name it. */
export function errorLine(command: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const target = error instanceof BridgeError ? error.target : undefined;
  return `pyinfra-kit ${command}: ${printable(target && !message.includes(target) ? `${target}: ${message}` : message)}\n`;
}
