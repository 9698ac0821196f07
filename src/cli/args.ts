// The bridge commands' arguments, read by Node's util.parseArgs: boolean flags, options with a value
// (repeatable or not), positionals, and everything after `--` kept apart (exec's command). parseArgs
// tokenizes; the checks here turn its findings into usage errors that name the option.
import { parseArgs as tokenize } from 'node:util';
import { splitKeyValue } from '../core/execution/keyValues';
import { UsageError } from './io';

export interface ArgSpec {
  usage: string;
  flags?: string[];
  values?: string[];
  /** Options that may be given many times, e.g. --data K=V. */
  lists?: string[];
}

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
  /** Everything after `--`; undefined when there was no `--`. */
  rest?: string[];
}

type OptionKinds = Record<string, { type: 'boolean' | 'string'; multiple?: boolean }>;

function optionKinds(spec: ArgSpec): OptionKinds {
  const kinds: OptionKinds = {};
  for (const flag of spec.flags ?? []) kinds[flag.slice(2)] = { type: 'boolean' };
  for (const value of spec.values ?? []) kinds[value.slice(2)] = { type: 'string' };
  for (const list of spec.lists ?? []) kinds[list.slice(2)] = { type: 'string', multiple: true };
  return kinds;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const kinds = optionKinds(spec);
  // not strict: unknown options and missing values come back as tokens, reported below by name
  const { tokens } = tokenize({ args: [...argv], options: kinds, strict: false, allowPositionals: true, tokens: true });
  const parsed: ParsedArgs = { positional: [], flags: new Set(), values: new Map(), lists: new Map() };
  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      parsed.rest = [];
      continue;
    }
    if (token.kind === 'positional') {
      (parsed.rest ?? parsed.positional).push(token.value);
      continue;
    }
    const name = token.rawName;
    const kind = name.startsWith('--') ? kinds[token.name] : undefined;
    if (!kind) throw new UsageError(`unknown option ${name}; usage: ${spec.usage}`);
    if (kind.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${name} takes no value; usage: ${spec.usage}`);
      parsed.flags.add(name);
    } else if (token.value === undefined || (!token.inlineValue && token.value === '--')) {
      // `--chdir -- pwd`: parseArgs takes the next argument whatever it is; '--' ends the options, it is no value
      throw new UsageError(`${name} needs a value; usage: ${spec.usage}`);
    } else if (kind.multiple) {
      parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), token.value]);
    } else {
      parsed.values.set(name, token.value);
    }
  }
  return parsed;
}

/** Repeated K=V options as a record; the shell has already split and unquoted each pair. */
export function keyValues(args: ParsedArgs, option: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of args.lists.get(option) ?? []) {
    const split = splitKeyValue(pair);
    if ('error' in split) throw new UsageError(`${option}: ${split.error}`);
    values[split.key] = split.value;
  }
  return values;
}

/** A positive number option (seconds, counts); undefined when absent. */
export function positiveNumber(args: ParsedArgs, option: string, integer = false): number | undefined {
  const text = args.values.get(option);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${option} must be a positive ${integer ? 'whole number' : 'number'} (got '${text}')`);
  }
  return value;
}

/** An option whose value must be one of `choices` (an output format); `fallback` when absent. */
export function choice<T extends string>(args: ParsedArgs, option: string, choices: readonly T[], fallback: T): T {
  const value = args.values.get(option) ?? fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${choices.join(', ')} (got '${value}')`);
  return value as T;
}
