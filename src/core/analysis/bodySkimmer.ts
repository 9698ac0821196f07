// Lazy body parsing, as V8's preparser does: a closed file's function bodies that no summary reads are found by a
// small skimmer (strings, brackets, comments, continuation lines, indentation) and blanked before the parse, so
// tree-sitter never builds their nodes. A blanked body becomes one string literal of the same extent ("""...""",
// its lines kept, everything else spaces): every offset, row and column in the tree stays what it was.

const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FORM_FEED = 12;
const HASH = 35;
const BACKSLASH = 92;
const COLON = 58;
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

const isIdentifierCode = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code > 127;

/**
 * The text with the body of every function blanked, except the bodies of functions `keep` names and what they
 * nest; undefined when nothing is blanked or the skimmer is unsure of the text (then the whole file is parsed).
 */
export function blankFunctionBodies(text: string, keep: (name: string) => boolean): string | undefined {
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
    return parts.join('');
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
      while (code === SPACE || code === TAB || code === FORM_FEED) {
        tabbed ||= code !== SPACE;
        code = text.charCodeAt(++this.i);
      }
      if (Number.isNaN(code)) break;
      if (code === NEWLINE || code === CR || code === HASH) {
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
      const code = text.charCodeAt(this.i);
      if (code === NEWLINE || code === CR) {
        if (code === CR && text.charCodeAt(this.i + 1) !== NEWLINE) throw new Unsure();
        if (depth === 0) return colon;
        this.i++;
      } else if (code === HASH) {
        this.skipComment();
      } else if (code === BACKSLASH) {
        this.i += text.charCodeAt(this.i + 1) === CR ? 3 : 2;
      } else if (code === 34 || code === 39) {
        this.skipString(this.i, '');
      } else if (isIdentifierCode(code)) {
        const start = this.i;
        while (isIdentifierCode(text.charCodeAt(this.i))) this.i++;
        const next = text.charCodeAt(this.i);
        if ((next === 34 || next === 39) && STRING_PREFIX.test(text.slice(start, this.i))) this.skipString(this.i, text.slice(start, this.i));
        this.lastCodeEnd = this.i;
      } else if (code === SPACE || code === TAB || code === FORM_FEED) {
        this.i++;
      } else {
        if (code === 40 || code === 91 || code === 123) depth++; // ( [ {
        else if ((code === 41 || code === 93 || code === 125) && --depth < 0) throw new Unsure();
        else if (findColon && code === COLON && depth === 0 && colon === undefined) colon = this.i;
        this.i++;
        this.lastCodeEnd = this.i;
      }
    }
    if (depth > 0) throw new Unsure();
    return colon;
  }

  private skipComment(): void {
    if (this.text.charCodeAt(this.i) !== HASH) return;
    while (this.i < this.text.length && this.text.charCodeAt(this.i) !== NEWLINE && this.text.charCodeAt(this.i) !== CR) this.i++;
  }

  private endOfLine(): void {
    const { text } = this;
    while (this.i < text.length && text.charCodeAt(this.i) !== NEWLINE) {
      if (text.charCodeAt(this.i) === CR && text.charCodeAt(this.i + 1) !== NEWLINE) throw new Unsure();
      this.i++;
    }
    this.i++;
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
    for (;;) {
      if (i >= text.length) throw new Unsure();
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) {
        i += 2;
      } else if (code === quote && fieldDepth === 0 && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
        this.i = i + length;
        this.lastCodeEnd = this.i;
        return;
      } else if (!triple && (code === NEWLINE || code === CR)) {
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
