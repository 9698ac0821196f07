// Lazy body parsing, as V8's preparser does: a closed file's function bodies that no summary reads are found by a
// small skimmer (strings, brackets, comments, continuation lines, indentation) and blanked before the parse, so
// tree-sitter never builds their nodes. A blanked body becomes one string literal of the same extent ("""...""",
// its lines kept, everything else spaces): every offset, row and column in the tree stays what it was.

/** Character codes, as charCodeAt gives them. */
const enum Char { Newline = 10, CarriageReturn = 13, Space = 32, Tab = 9, FormFeed = 12, Hash = 35, Backslash = 92, Colon = 58 }
/** What scanTo skips in one step: anything but line breaks, comments, continuations, quotes, brackets and colons. */
const PLAIN = /[^\n\r#\\"'()[\]{}:]+/y;
// where a string without replacement fields can end or escape (one-line strings also stop at a line break)
const DOUBLE_QUOTED = /[\\"]/g;
const SINGLE_QUOTED = /[\\']/g;
const DOUBLE_QUOTED_LINE = /[\\"\n\r]/g;
const SINGLE_QUOTED_LINE = /[\\'\n\r]/g;
const LONE_CR = /\r(?!\n)/;
const STRING_PREFIX = /^(?:[rRuUfFbB]|[rR][bBfF]|[bBfF][rR])$/;
const DEF_HEADER = /^(?:async[ \t]+)?def[ \t]+(\w+)/;
const LINE_BREAK = /[\n\r]/;
/** The shortest body worth blanking: the two triple quotes of the stand-in literal. */
const SHORTEST = 6;

interface OpenDef {
  indent: number;
  /** Start of the body's first statement; undefined until the line after the header. */
  bodyStart?: number;
  /** Blank this body (false: a body that is read, or one inside a body already blanked). */
  blank: boolean;
  /** Defs nested in a kept body (make_names_data) are kept as well. */
  keepsNested: boolean;
}

/** The skimmer met what it does not model (tabs in indentation, a lone CR, an unterminated string): parse all. */
class Unsure extends Error {}

const isBlank = (code: number) => code === Char.Space || code === Char.Tab || code === Char.FormFeed;
const isIdentifierCode = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code > 127;

export interface SkimmedText {
  text: string;
  /** The blanks between each stand-in literal's quotes, [start, end), in order. */
  blanks: Array<[number, number]>;
}

/**
 * The text with the body of every function blanked, except the bodies of functions `keep` names and what they
 * nest; undefined when nothing is blanked or the skimmer is unsure of the text (then the whole file is parsed).
 */
export function blankFunctionBodies(text: string, keep: (name: string) => boolean): SkimmedText | undefined {
  // a lone carriage return ends a line for Python; the skimmer knows only line feeds (with or without CR before)
  if (text.includes('\r') && LONE_CR.test(text)) return undefined;
  try {
    const regions = new Skimmer(text, keep).run();
    if (regions.length === 0) return undefined;
    const parts: string[] = [];
    let done = 0;
    for (const [start, end] of regions) {
      parts.push(text.slice(done, start), '"""', blank(text.slice(start + 3, end - 3)), '"""');
      done = end;
    }
    parts.push(text.slice(done));
    return { text: parts.join(''), blanks: regions.map(([start, end]) => [start + 3, end - 3]) };
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}

/** Spaces in place of everything but line breaks. */
function blank(fragment: string): string {
  return fragment.split('\n').map((line) => (line.endsWith('\r') ? `${' '.repeat(line.length - 1)}\r` : ' '.repeat(line.length))).join('\n');
}

class Skimmer {
  private i = 0;
  /** End of the last token that is not a comment. */
  private lastCodeEnd = 0;
  private readonly open: OpenDef[] = [];
  private readonly regions: Array<[number, number]> = [];

  constructor(private readonly text: string, private readonly keep: (name: string) => boolean) {}

  run(): Array<[number, number]> {
    const { text } = this;
    while (this.i < text.length) {
      const indentStart = this.i;
      let code = text.charCodeAt(this.i);
      let tabbed = false;
      while (code === Char.Space || code === Char.Tab || code === Char.FormFeed) {
        tabbed ||= code !== Char.Space;
        code = text.charCodeAt(++this.i);
      }
      if (Number.isNaN(code)) break;
      if (code === Char.Newline || code === Char.CarriageReturn || code === Char.Hash) {
        this.skipComment();
        this.endOfLine();
        continue;
      }
      // Python's tab stops (and tree-sitter's reading of them) are not modelled
      if (tabbed) throw new Unsure();
      this.logicalLine(this.i - indentStart);
    }
    while (this.open.length > 0) this.close();
    return this.regions;
  }

  private logicalLine(indent: number): void {
    while (this.open.length > 0 && this.open[this.open.length - 1].indent >= indent) this.close();
    const innermost = this.open[this.open.length - 1];
    if (innermost && innermost.bodyStart === undefined) innermost.bodyStart = this.i;
    const startsDef = this.text.startsWith('def', this.i) || this.text.startsWith('async', this.i);
    const header = startsDef ? DEF_HEADER.exec(this.text.slice(this.i, this.i + 200)) : null;
    if (!header) {
      this.scanTo(false);
      this.endOfLine();
      return;
    }
    const colon = this.scanTo(true);
    if (colon === undefined) {
      this.endOfLine(); // a def without its colon: nothing to blank
      return;
    }
    const inBlanked = this.open.some((def) => def.blank);
    const inKept = this.open.some((def) => def.keepsNested);
    const kept = this.keep(header[1]);
    const def: OpenDef = { indent, blank: !inBlanked && !inKept && !kept, keepsNested: inKept || kept };
    const rest = this.text.slice(colon + 1, this.i);
    const firstCode = rest.search(/[^ \t\\\r\n]/);
    if (firstCode !== -1 && rest[firstCode] !== '#') {
      // `def f(x): return x`: the body is the rest of the logical line
      if (def.blank) this.addRegion(colon + 1 + firstCode, this.lastCodeEnd);
    } else {
      this.open.push(def);
    }
    this.endOfLine();
  }

  private close(): void {
    const def = this.open.pop()!;
    if (def.blank && def.bodyStart !== undefined) this.addRegion(def.bodyStart, this.lastCodeEnd);
  }

  private addRegion(start: number, end: number): void {
    // the quotes overwrite the body's first and last three characters, which must not hold a line break
    const quotesFit = end - start >= SHORTEST && !LINE_BREAK.test(this.text.slice(start, start + 3)) && !LINE_BREAK.test(this.text.slice(end - 3, end));
    if (quotesFit) this.regions.push([start, end]);
  }

  /**
   * Scans one logical line (brackets, strings and continuations included), stopping before its newline or comment.
   * With `findColon`, returns the offset of its first `:` outside brackets (a def header's end).
   */
  private scanTo(findColon: boolean): number | undefined {
    const { text } = this;
    let depth = 0;
    let colon: number | undefined;
    while (this.i < text.length) {
      // runs of what changes nothing here (names, numbers, operators, blanks) are skipped by the regex engine
      PLAIN.lastIndex = this.i;
      if (PLAIN.test(text)) {
        let last = PLAIN.lastIndex;
        while (last > this.i && isBlank(text.charCodeAt(last - 1))) last--;
        if (last > this.i) this.lastCodeEnd = last;
        this.i = PLAIN.lastIndex;
        if (this.i >= text.length) break;
      }
      const code = text.charCodeAt(this.i);
      if (code === Char.Newline) {
        if (depth === 0) return colon;
        this.i++;
      } else if (code === Char.CarriageReturn) {
        this.i++; // always before a line feed (checked first)
      } else if (code === Char.Hash) {
        this.skipComment();
      } else if (code === Char.Backslash) {
        this.i += text.charCodeAt(this.i + 1) === Char.CarriageReturn ? 3 : 2;
      } else if (code === 34 || code === 39) {
        this.skipString(this.i, this.prefixBefore(this.i));
      } else {
        if (code === 40 || code === 91 || code === 123) depth++; // ( [ {
        else if ((code === 41 || code === 93 || code === 125) && --depth < 0) throw new Unsure();
        else if (findColon && code === Char.Colon && depth === 0 && colon === undefined) colon = this.i;
        this.i++;
        this.lastCodeEnd = this.i;
      }
    }
    if (depth > 0) throw new Unsure();
    return colon;
  }

  /** The string prefix (rb, f, ...) written right before a quote, or '' (a longer name before it is no prefix). */
  private prefixBefore(quoteAt: number): string {
    let start = quoteAt;
    while (start > 0 && quoteAt - start <= 2 && isIdentifierCode(this.text.charCodeAt(start - 1))) start--;
    const prefix = this.text.slice(start, quoteAt);
    return STRING_PREFIX.test(prefix) ? prefix : '';
  }

  private skipComment(): void {
    if (this.text.charCodeAt(this.i) !== Char.Hash) return;
    const lineEnd = this.text.indexOf('\n', this.i);
    this.i = lineEnd === -1 ? this.text.length : lineEnd;
  }

  private endOfLine(): void {
    const lineEnd = this.text.indexOf('\n', this.i);
    this.i = lineEnd === -1 ? this.text.length : lineEnd + 1;
  }

  /** A string literal starting at `quoteAt` (its prefix already passed); f-strings' replacement fields may nest strings. */
  private skipString(quoteAt: number, prefix: string): void {
    const { text } = this;
    const quote = text.charCodeAt(quoteAt);
    const triple = text.charCodeAt(quoteAt + 1) === quote && text.charCodeAt(quoteAt + 2) === quote;
    const length = triple ? 3 : 1;
    const formatted = prefix.includes('f') || prefix.includes('F');
    let i = quoteAt + length;
    let fieldDepth = 0;
    if (!formatted) {
      const stop = quote === 34 ? (triple ? DOUBLE_QUOTED : DOUBLE_QUOTED_LINE) : (triple ? SINGLE_QUOTED : SINGLE_QUOTED_LINE);
      for (;;) {
        stop.lastIndex = i;
        if (!stop.test(text)) throw new Unsure();
        const at = stop.lastIndex - 1;
        const code = text.charCodeAt(at);
        if (code === Char.Backslash) i = at + 2;
        else if (code !== quote) throw new Unsure(); // a line break in a one-line string
        else if (!triple || (text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote)) {
          this.i = at + length;
          this.lastCodeEnd = this.i;
          return;
        } else i = at + 1;
      }
    }
    for (;;) {
      if (i >= text.length) throw new Unsure();
      const code = text.charCodeAt(i);
      if (code === Char.Backslash) {
        i += 2;
      } else if (code === quote && fieldDepth === 0 && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
        this.i = i + length;
        this.lastCodeEnd = this.i;
        return;
      } else if (!triple && (code === Char.Newline || code === Char.CarriageReturn)) {
        throw new Unsure();
      } else if (formatted && code === 123) {
        if (fieldDepth === 0 && text.charCodeAt(i + 1) === 123) i += 2;
        else { fieldDepth++; i++; }
      } else if (formatted && code === 125 && fieldDepth > 0) {
        fieldDepth--;
        i++;
      } else if (fieldDepth > 0 && (code === 34 || code === 39)) {
        this.skipString(i, '');
        i = this.i;
      } else {
        i++;
      }
    }
  }
}
