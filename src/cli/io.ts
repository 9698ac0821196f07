// What a CLI command needs from its process, passed in so tests can run commands in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A command's entry: arguments after the command name; resolves to the exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Thrown for bad usage; main prints the message and exits with 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
