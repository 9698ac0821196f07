// Used by run.js only when dist/cli.js has not been built: the same lint command behind a minimal main.
import { lint } from '../../src/cli/commands/lint';

lint(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
}).then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 2;
});
