// Text from connectors (host names, data, output lines, errors) as a terminal may show it: control
// characters escaped, so a newline or an ANSI escape inside a value cannot forge a line of its own
// or restyle what follows. Tab stays a tab.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function printable(text: string): string {
  return text.replace(CONTROL, (char) => NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Each line of a multi-line text (a traceback) made printable; the line breaks stay. */
export function printableLines(text: string): string {
  return text.split('\n').map((line) => printable(line.replace(/\r$/, ''))).join('\n');
}
