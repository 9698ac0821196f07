// pyinfra-kit lint [PATH...] [--format text|json|sarif]: the language server's diagnostics, for CI.
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, WorkspaceIndex } from '../../core/analysis';
import { formatDiagnostics, OutputFormat } from '../../core/analysis/formatDiagnostics';
import { lintableFiles } from '../../core/analysis/lintableFiles';
import { readTextFromDisk } from '../../core/analysis/workspaceIndex';
import { choice, parseArgs } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../io';

const USAGE = 'lint [PATH...] [--format text|json|sarif]';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

async function collectFiles(paths: string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  const folders: string[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stat.isDirectory()) folders.push(full);
    else files.push(full);
  }
  return [...new Set([...files, ...await lintableFiles(folders)])];
}

export const lint: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { usage: USAGE, values: ['--format'] });
  const format = choice(args, '--format', FORMATS, 'text');
  const paths = [...args.positional, ...(args.rest ?? [])];
  const files = await collectFiles(paths.length > 0 ? paths : ['.'], io.cwd);
  const index = await WorkspaceIndex.create();
  // one thread: worker threads were slower on every folder measured (bench/RESULTS.md), since each pays Node's and
  // the parser's cold start, and the pre-pass leaves few files to parse
  for (const file of files) {
    const text = readTextFromDisk(file);
    if (text === undefined) throw new Error(`cannot read ${file}`);
    index.setFile(file, text);
  }
  const diagnostics: Diagnostic[] = [...index.diagnostics().values()].flat();
  io.stdout(formatDiagnostics(diagnostics, format, io.cwd));
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
};
