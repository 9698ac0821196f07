#!/usr/bin/env node
// The pyinfra-kit process: main with the real stdio, its result as the exit code. Kept apart from
// main.ts so tests can import main without running it.
import { CliIo } from './io';
import { main } from './main';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
};
void main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
