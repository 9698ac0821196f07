// What the conformance suite answers (python/pyinfra_kit_bridge/conformance), and its summary.
// The checks themselves, their ids and order, live on the Python side; this side only renders.

import type { HostKeyAcceptance } from '../bridge/protocol';

export type CheckStatus = 'pass' | 'fail' | 'skip' | 'error';

/** One check on one host (host null for the checks of the target as a whole, inventory.*). */
export interface CheckResult {
  target: string;
  host: string | null;
  check: string;
  status: CheckStatus;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** Where the connector raised (Python's traceback, secrets scrubbed), when it did. */
  traceback?: string;
  durationMs: number;
}

/** A check the suite has: `group` is the id's first part (inventory, run, put, ...). */
export interface CheckInfo {
  id: string;
  group: string;
  scope: 'target' | 'host' | 'operations';
  summary: string;
}

export interface ConformanceOptions {
  /** Globs over check ids (`run.*`); all checks when empty. */
  only?: string[];
  /** Seconds one check may take before it is an error. */
  timeoutSec?: number;
  /** Extra host data, as `--data key=value` gives it. */
  data?: Record<string, string>;
  /** Only these hosts of the target (all when absent). */
  hosts?: string[];
  sources?: Record<string, string>;
  /** Unknown SSH host keys to accept; without it they are refused, as for a run. */
  hostKeys?: HostKeyAcceptance;
  signal?: AbortSignal;
}

export type StatusCounts = Record<CheckStatus, number>;

export function countStatuses(results: readonly CheckResult[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, skip: 0, error: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/** Nothing failed and nothing errored (skips are fine). */
export function allConform(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.status === 'pass' || result.status === 'skip');
}

/** A result for a target the suite could not start on (its class does not load, a bad spec). */
export function targetError(target: string, message: string, traceback?: string): CheckResult {
  return { target, host: null, check: 'target.load', status: 'error', message, ...(traceback ? { traceback } : {}), durationMs: 0 };
}

/** expected/actual as text for a diff: strings as they are, anything else as indented JSON (a missing side as null). */
export function diffText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null, null, 2);
}
