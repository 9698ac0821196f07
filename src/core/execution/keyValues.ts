// `KEY=VALUE` pairs, one rule for every place they are given: repeated CLI options (`--env K=V`,
// each already one shell word) and a line typed in a quick input, split into words as a POSIX shell
// splits them, so `GREETING="hi there" PATH_LIST='a b',DEBUG=1` is three pairs. Nothing is expanded.

export type KeyValue = { key: string; value: string } | { error: string };

/** One word `KEY=VALUE`: the key is what comes before the first `=`, and is not empty. */
export function splitKeyValue(word: string): KeyValue {
  const equals = word.indexOf('=');
  if (equals <= 0) return { error: `'${word}' is not KEY=VALUE` };
  return { key: word.slice(0, equals), value: word.slice(equals + 1) };
}

/** Characters a backslash escapes inside double quotes, as in sh. */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

/** Words as sh splits them (quotes removed, backslashes applied); commas outside quotes separate too. */
export function shellWords(text: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (/[\s,]/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { error: 'a single quote is not closed' };
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (char === '"') {
      let quoted = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && DOUBLE_QUOTE_ESCAPES.has(text[i + 1])) i++;
        quoted += text[i];
      }
      if (i >= text.length) return { error: 'a double quote is not closed' };
      word = (word ?? '') + quoted;
    } else if (char === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return { words };
}

/** Pairs typed on one line; returns an error message for the first bad one. */
export function parseKeyValues(text: string): { values: Record<string, string> } | { error: string } {
  const split = shellWords(text);
  if ('error' in split) return split;
  const values: Record<string, string> = {};
  for (const word of split.words) {
    const pair = splitKeyValue(word);
    if ('error' in pair) return pair;
    values[pair.key] = pair.value;
  }
  return { values };
}

/** The line that parses back to these values: each value quoted only when it needs it. */
export function formatKeyValues(values: Record<string, string>): string {
  return Object.entries(values).map(([key, value]) => `${key}=${/^[\w@%+:./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`}`).join(' ');
}
