// A small argument parser for the bridge commands: boolean flags, options with a value (repeatable
// or not), positionals, and everything after `--` kept apart (exec's command).
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

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], flags: new Set(), values: new Map(), lists: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--') {
      parsed.rest = argv.slice(i + 1);
      break;
    }
    if (!argument.startsWith('--')) {
      parsed.positional.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    const inline = equals > 0 ? argument.slice(equals + 1) : undefined;
    if (spec.flags?.includes(name)) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value; usage: ${spec.usage}`);
      parsed.flags.add(name);
      continue;
    }
    const takesValue = spec.values?.includes(name) || spec.lists?.includes(name);
    if (!takesValue) throw new UsageError(`unknown option ${name}; usage: ${spec.usage}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value; usage: ${spec.usage}`);
    if (spec.lists?.includes(name)) parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), value]);
    else parsed.values.set(name, value);
  }
  return parsed;
}

/** Repeated K=V options as a record; a value may itself hold `=` or spaces. */
export function keyValues(args: ParsedArgs, option: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of args.lists.get(option) ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`${option}: '${pair}' is not KEY=VALUE`);
    values[pair.slice(0, equals)] = pair.slice(equals + 1);
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
