// Diagnostics as the CLI prints them: text (path:line:col: severity CODE message), JSON, or SARIF 2.1.0.
import * as path from 'path';
import { Diagnostic } from './types';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

export const RULES: Array<{ id: string; severity: 'error' | 'warning'; summary: string }> = [
  { id: 'PCK001', severity: 'error', summary: 'connector class without make_names_data (own or inherited)' },
  { id: 'PCK002', severity: 'error', summary: 'handles_execution = True but run_shell_command, put_file or get_file missing' },
  { id: 'PCK003', severity: 'error', summary: 'make_names_data defined as an instance method' },
  { id: 'PCK004', severity: 'warning', summary: 'make_names_data defined as a @classmethod' },
  { id: 'PCK005', severity: 'error', summary: 'execution method signature pyinfra cannot call' },
  { id: 'PCK006', severity: 'error', summary: 'make_names_data cannot take the one positional argument pyinfra passes' },
  { id: 'PCK007', severity: 'error', summary: 'pyinfra.connectors entry point naming a module:Class not in the workspace' },
  { id: 'PCK008', severity: 'warning', summary: 'pyinfra 2.x connector API' },
  { id: 'PCK009', severity: 'warning', summary: 'data_cls key with no data_meta entry' },
];

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}

export function toJson(diagnostic: Diagnostic, cwd: string): JsonDiagnostic {
  return {
    file: displayPath(diagnostic.file, cwd),
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}

function sarif(diagnostics: Diagnostic[], cwd: string): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'pyinfra-kit lint',
          informationUri: 'https://docs.pyinfra.com/en/3.x/api/connectors.html',
          rules: RULES.map((rule) => ({
            id: rule.id,
            shortDescription: { text: rule.summary },
            defaultConfiguration: { level: rule.severity },
          })),
        },
      },
      results: diagnostics.map((diagnostic) => ({
        ruleId: diagnostic.code,
        ruleIndex: RULES.findIndex((rule) => rule.id === diagnostic.code),
        level: diagnostic.severity === 'error' ? 'error' : diagnostic.severity === 'warning' ? 'warning' : 'note',
        message: { text: diagnostic.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: displayPath(diagnostic.file, cwd).split(path.sep).join('/') },
            region: {
              startLine: diagnostic.range.start.line + 1,
              startColumn: diagnostic.range.start.character + 1,
              endLine: diagnostic.range.end.line + 1,
              endColumn: diagnostic.range.end.character + 1,
            },
          },
        }],
      })),
    }],
  };
}

export function formatDiagnostics(diagnostics: Diagnostic[], format: OutputFormat, cwd: string): string {
  const ordered = sorted(diagnostics);
  switch (format) {
    case 'json':
      return `${JSON.stringify(ordered.map((diagnostic) => toJson(diagnostic, cwd)), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(sarif(ordered, cwd), null, 2)}\n`;
    case 'text':
      return ordered.map((diagnostic) => {
        const { file, line, column, severity, code, message } = toJson(diagnostic, cwd);
        return `${file}:${line}:${column}: ${severity} ${code} ${message}\n`;
      }).join('');
  }
}
