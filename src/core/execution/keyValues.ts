// `KEY=VALUE` pairs as typed in a quick input or given as repeated CLI options.

/** Parses pairs separated by spaces or commas; returns an error message for the first bad one. */
export function parseKeyValues(text: string): { values: Record<string, string> } | { error: string } {
  const values: Record<string, string> = {};
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) return { error: `'${pair}' is not KEY=VALUE` };
    values[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { values };
}
