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

async function timeLint(text: string): Promise<{ ms: number; diagnostics: number }> {
  const times: number[] = [];
  let diagnostics = 0;
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    diagnostics = (await analyzeFiles([{ path: '/bench/generated.py', text }])).length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms: times.sort((a, b) => a - b)[1], diagnostics };
}

async function main(): Promise<void> {
  const [kind, ...sizes] = process.argv.slice(2);
  const make = kind === 'deep' ? deepFile : wideFile;
  await timeLint(make(100)); // loads the parser and warms the JIT
  const result: Array<{ size: number; ms: number; diagnostics: number }> = [];
  for (const size of sizes.map(Number)) result.push({ size, ...await timeLint(make(size)) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
