// One outcome per check across the hosts of a target, as the Test Explorer shows a check item:
// an error or a failure on any host wins, a check skipped everywhere is skipped.
import { diffText, type CheckResult, type CheckStatus } from './results';

export interface CheckOutcome {
  check: string;
  status: CheckStatus;
  durationMs: number;
  /** The results that are not passes, each naming its host. */
  problems: CheckResult[];
}

const RANK: Record<CheckStatus, number> = { skip: 0, pass: 1, fail: 2, error: 3 };

export function outcomesByCheck(results: readonly CheckResult[]): Map<string, CheckOutcome> {
  const outcomes = new Map<string, CheckOutcome>();
  for (const result of results) {
    const outcome = outcomes.get(result.check) ?? { check: result.check, status: 'skip', durationMs: 0, problems: [] };
    if (RANK[result.status] > RANK[outcome.status]) outcome.status = result.status;
    outcome.durationMs += result.durationMs;
    if (result.status !== 'pass') outcome.problems.push(result);
    outcomes.set(result.check, outcome);
  }
  return outcomes;
}

/** `--only` globs for a selection: a whole target (undefined), a group (`run.*`) or single checks. */
export function onlyGlobs(selection: readonly { group?: string; check?: string }[]): string[] | undefined {
  if (selection.some((item) => !item.group && !item.check)) return undefined;
  return selection.map((item) => item.check ?? `${item.group}.*`);
}

/** One line per result for a log: `host check: status message`. */
export function resultLine(result: CheckResult): string {
  return `${result.host ?? '(target)'} ${result.check}: ${result.status}${result.message ? ` ${result.message.replace(/\s+/g, ' ')}` : ''}`;
}

/** What a Test Explorer message shows of one problem: its text, and the two sides of a diff when the check compared values. */
export interface ProblemMessage {
  message: string;
  expectedOutput?: string;
  actualOutput?: string;
}

export function problemMessage(problem: CheckResult): ProblemMessage {
  const message = `${problem.host ? `${problem.host}: ` : ''}${problem.message}`;
  if (problem.expected === undefined && problem.actual === undefined) return { message };
  return { message, expectedOutput: diffText(problem.expected), actualOutput: diffText(problem.actual) };
}
