// The CLI's renderings of conformance results: a text table with a summary line, and JUnit XML
// (a testsuite per target, a testcase per check and host).
import { countStatuses, diffText, type CheckResult } from './results';

const STATUS_LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERROR' } as const;

function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export function summaryLine(results: readonly CheckResult[], elapsedMs: number): string {
  const counts = countStatuses(results);
  return `${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped, ${counts.error} errors in ${(elapsedMs / 1000).toFixed(1)} s`;
}

export function textReport(results: readonly CheckResult[], elapsedMs: number): string {
  const rows = results.map((result) => [STATUS_LABEL[result.status], result.check, result.host ?? '(target)', oneLine(result.message, 100)]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length), 6));
  const lines: string[] = [];
  let target: string | undefined;
  results.forEach((result, index) => {
    if (result.target !== target) {
      target = result.target;
      lines.push(`${lines.length ? '\n' : ''}${target}`);
    }
    const [status, check, host, message] = rows[index];
    lines.push(`  ${status.padEnd(widths[0])}  ${check.padEnd(widths[1])}  ${host.padEnd(widths[2])}  ${message}`.trimEnd());
    if (result.status === 'fail' && (result.expected !== undefined || result.actual !== undefined)) {
      lines.push(`      expected: ${oneLine(diffText(result.expected), 160)}`, `      actual:   ${oneLine(diffText(result.actual), 160)}`);
    }
  });
  lines.push('', summaryLine(results, elapsedMs));
  return `${lines.join('\n')}\n`;
}

function xml(text: string): string {
  // XML 1.0 cannot hold most control characters at all, even escaped
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testcase(result: CheckResult): string {
  const open = `    <testcase classname="${xml(result.host ?? result.target)}" name="${xml(result.check)}" time="${seconds(result.durationMs)}"`;
  if (result.status === 'pass') return `${open}/>`;
  if (result.status === 'skip') return `${open}>\n      <skipped message="${xml(result.message)}"/>\n    </testcase>`;
  const element = result.status === 'fail' ? 'failure' : 'error';
  const body = result.expected !== undefined || result.actual !== undefined ? `expected: ${diffText(result.expected)}\nactual: ${diffText(result.actual)}` : result.message;
  return `${open}>\n      <${element} message="${xml(result.message)}">${xml(body)}</${element}>\n    </testcase>`;
}

export function junitReport(results: readonly CheckResult[]): string {
  const targets = [...new Set(results.map((result) => result.target))];
  const suites = targets.map((target) => {
    const mine = results.filter((result) => result.target === target);
    const counts = countStatuses(mine);
    const time = seconds(mine.reduce((total, result) => total + result.durationMs, 0));
    const header = `  <testsuite name="${xml(target)}" tests="${mine.length}" failures="${counts.fail}" errors="${counts.error}" skipped="${counts.skip}" time="${time}">`;
    return [header, ...mine.map(testcase), '  </testsuite>'].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pyinfra connector conformance">\n${suites.join('\n')}\n</testsuites>\n`;
}
