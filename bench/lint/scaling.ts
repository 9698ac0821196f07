// Bundled and run by run.js: in-process lint time of generated files at two sizes, to show how time grows.
//   wide:  one file with N connector classes side by side
//   deep:  one file with an N-deep inheritance chain (class C1(C0), class C2(C1), ...)
import { analyzeFiles } from '../../src/core/analysis';

const header = 'from pyinfra.connectors.base import BaseConnector\n\n\n';

export function wideFile(classes: number): string {
  const parts = [header];
  for (let i = 0; i < classes; i++) {
    parts.push(`class Wide${i}(BaseConnector):\n    handles_execution = ${i % 2 === 0 ? 'True' : 'False'}\n\n`
      + `    @staticmethod\n    def make_names_data(name=None):\n        yield "h${i}", {"ssh_port": ${i}}, []\n\n`);
  }
  return parts.join('');
}

export function deepFile(depth: number): string {
  const parts = [header, 'class Deep0(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n\n'];
  for (let i = 1; i < depth; i++) parts.push(`class Deep${i}(Deep${i - 1}):\n    pass\n\n\n`);
  return parts.join('');
}

async function lintOnce(text: string): Promise<{ ms: number; diagnostics: number }> {
  const started = process.hrtime.bigint();
  const diagnostics = (await analyzeFiles([{ path: '/bench/generated.py', text }])).length;
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, diagnostics };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Each size is linted once unmeasured (the JIT warms on the sizes it is measured at, not on the first one measured),
 * then the sizes take turns for ROUNDS rounds, so a burst of load from elsewhere falls on all of them alike.
 */
const ROUNDS = 5;

async function main(): Promise<void> {
  const [kind, ...sizes] = process.argv.slice(2);
  const make = kind === 'deep' ? deepFile : wideFile;
  const texts = sizes.map((size) => make(Number(size)));
  for (const text of texts) await lintOnce(text);
  const samples = texts.map(() => [] as number[]);
  let diagnostics = texts.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    const results = [];
    for (const text of texts) results.push(await lintOnce(text));
    results.forEach((result, i) => samples[i].push(result.ms));
    diagnostics = results.map((result) => result.diagnostics);
  }
  const result = sizes.map((size, i) => ({ size: Number(size), ms: median(samples[i]), diagnostics: diagnostics[i] }));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
