// `pyinfra.connectors` entry points in pyproject.toml, read line by line (no TOML library: we need each
// entry's line for diagnostics, and only these tables matter).
import { Range } from './types';

export interface EntryPoint {
  file: string;
  name: string;
  /** `module:Class`, or a bare module (pyinfra 2.x). */
  value: string;
  module: string;
  className?: string;
  /** The whole entry line, without trailing whitespace. */
  range: Range;
}

export interface EntryPointTable {
  /** Line of the `[... 'pyinfra.connectors']` header, -1 when there is none. */
  headerLine: number;
  /** Last line of the table's entries (or the header), for appending a new entry. */
  lastLine: number;
  entries: EntryPoint[];
}

const GROUP = String.raw`(?:'pyinfra\.connectors'|"pyinfra\.connectors")`;
// [project.entry-points.'pyinfra.connectors'] and Poetry's [tool.poetry.plugins."pyinfra.connectors"]
const TABLE_HEADER = new RegExp(String.raw`^\s*\[\s*(?:project\s*\.\s*entry-points|tool\s*\.\s*poetry\s*\.\s*plugins)\s*\.\s*${GROUP}\s*\]`);
const ANY_HEADER = /^\s*\[/;
const KEY = String.raw`(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_.-]+))`;
const VALUE = String.raw`(?:"([^"]*)"|'([^']*)')`;
const ENTRY = new RegExp(String.raw`^\s*${KEY}\s*=\s*${VALUE}\s*(?:#.*)?$`);
// [project.entry-points] followed by "pyinfra.connectors" = { name = "mod:Class", ... }
const INLINE = new RegExp(String.raw`^\s*${GROUP}\s*=\s*\{(.*)\}\s*(?:#.*)?$`);
const INLINE_ENTRY = new RegExp(String.raw`${KEY}\s*=\s*${VALUE}`, 'g');

function entry(file: string, line: number, text: string, name: string, value: string): EntryPoint {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const module = (colon === -1 ? trimmed : trimmed.slice(0, colon)).trim();
  const className = colon === -1 ? undefined : trimmed.slice(colon + 1).trim().split(/\s|\[/)[0];
  const start = text.length - text.trimStart().length;
  return {
    file, name, value: trimmed, module, className,
    range: { start: { line, character: start }, end: { line, character: text.trimEnd().length } },
  };
}

export function parseEntryPoints(file: string, text: string): EntryPointTable {
  const lines = text.split(/\r?\n/);
  const table: EntryPointTable = { headerLine: -1, lastLine: -1, entries: [] };
  let inTable = false;
  let inEntryPoints = false;
  lines.forEach((line, index) => {
    if (ANY_HEADER.test(line) && !/^\s*\[\[/.test(line) && /\]\s*(#.*)?$/.test(line)) {
      inTable = TABLE_HEADER.test(line);
      inEntryPoints = /^\s*\[\s*project\s*\.\s*entry-points\s*\]/.test(line);
      if (inTable) table.headerLine = table.lastLine = index;
      return;
    }
    if (inTable) {
      const match = ENTRY.exec(line);
      if (match) {
        table.entries.push(entry(file, index, line, match[1] ?? match[2] ?? match[3], match[4] ?? match[5]));
        table.lastLine = index;
      }
    } else if (inEntryPoints) {
      const inline = INLINE.exec(line);
      if (!inline) return;
      for (const found of inline[1].matchAll(INLINE_ENTRY)) {
        table.entries.push(entry(file, index, line, found[1] ?? found[2] ?? found[3], found[4] ?? found[5]));
      }
    }
  });
  return table;
}

/** The entry-point name offered for a class: "MyCloudConnector" -> "my_cloud". */
export function entryPointName(className: string): string {
  const base = className.replace(/Connector$/, '') || className;
  return base.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}
