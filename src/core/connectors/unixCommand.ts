// The shell command pyinfra would run for a command and its arguments (pyinfra.connectors.util.
// make_unix_command): export env, cd, sudo, then `sh -c '<command>'`. Native connectors use it so
// a command behaves the same through them as through pyinfra.

const SAFE = /^[\w@%+=:,./-]+$/;

/** Python's shlex.quote, which pyinfra's QuoteString uses. */
export function shellQuote(text: string): string {
  if (text === '') return "''";
  if (SAFE.test(text)) return text;
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}

export interface UnixCommandOptions {
  env?: Record<string, string>;
  chdir?: string;
  sudo?: boolean;
  sudoUser?: string;
  shell?: string;
}

export function makeUnixCommand(command: string, options: UnixCommandOptions = {}): string {
  let inner = command.trim();
  const env = Object.entries(options.env ?? {});
  if (env.length > 0) inner = `export ${env.map(([key, value]) => shellQuote(`${key}=${value}`)).join(' ')} && ${inner}`;
  if (options.chdir) inner = `cd ${shellQuote(options.chdir)} && ${inner}`;
  const bits: string[] = [];
  if (options.sudo || options.sudoUser) {
    bits.push('sudo', '-H', '-n');
    if (options.sudoUser) bits.push('-u', shellQuote(options.sudoUser));
  }
  bits.push(options.shell ?? 'sh', '-c', shellQuote(inner));
  return bits.join(' ');
}
