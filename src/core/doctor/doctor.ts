// What an interpreter can do for the kit (python/pyinfra_kit_bridge/doctor.py): pyinfra, gevent,
// debugpy, and each installed pyinfra.connectors entry point imported alone. Runs without the
// bridge, so it also explains an interpreter the bridge cannot start in.
import { spawn } from 'child_process';

export interface DoctorPackage {
  name: string;
  version: string | null;
  neededFor: string;
}

export interface DoctorConnector {
  name: string;
  entryPoint: string;
  distribution: string | null;
  handlesExecution?: boolean | null;
  /** Why it cannot be imported; pyinfra then fails every command. */
  error?: string;
}

export interface DoctorReport {
  python: { path: string; version: string; prefix: string };
  packages: DoctorPackage[];
  connectors: DoctorConnector[];
  /** One line each, with how to fix it; empty when the interpreter is ready. */
  problems: string[];
}

const LAUNCH = 'import sys; sys.path[0] = sys.argv[1]; from pyinfra_kit_bridge.doctor import main; main()';

export function runDoctor(options: { python: string; pythonDir: string; cwd: string; env?: NodeJS.ProcessEnv }): Promise<DoctorReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.python, ['-c', LAUNCH, options.pythonDir], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`Cannot start the Python interpreter '${options.python}': ${error.message}`)));
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(stdout) as DoctorReport);
      } catch {
        const last = stderr.trim().split('\n').at(-1) ?? '';
        reject(new Error(`The interpreter '${options.python}' could not run the doctor (exit ${code})${last ? `: ${last}` : ''}`));
      }
    });
  });
}

function versionOf(item: DoctorPackage): string {
  return item.version ?? `not installed (needed for ${item.neededFor})`;
}

export function doctorText(report: DoctorReport, interpreterSource: string): string {
  const lines = [`interpreter  ${report.python.path} (Python ${report.python.version}, from ${interpreterSource})`];
  for (const item of report.packages) lines.push(`${item.name.padEnd(12)} ${versionOf(item)}`);
  const broken = report.connectors.filter((connector) => connector.error);
  lines.push(`connectors   ${report.connectors.length} entry points${broken.length ? `, ${broken.length} broken` : ''}`);
  const width = Math.max(0, ...report.connectors.map((connector) => connector.name.length + 1));
  for (const connector of report.connectors) {
    const origin = `${connector.entryPoint}${connector.distribution ? ` (${connector.distribution})` : ''}`;
    lines.push(`  ${connector.error ? 'BROKEN' : 'ok    '}  ${`@${connector.name}`.padEnd(width)}  ${origin}${connector.error ? `: ${connector.error}` : ''}`);
  }
  lines.push(report.problems.length ? `\nproblems:\n${report.problems.map((problem) => `  - ${problem}`).join('\n')}` : '\nno problems found');
  return `${lines.join('\n')}\n`;
}
