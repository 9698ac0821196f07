// Diagnostics as the CLI prints them: text (path:line:col: severity CODE message), JSON, or SARIF 2.1.0.
import * as path from 'path';
import { RULES } from './rules/registry';
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
            id: rule.code,
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.documentation },
            defaultConfiguration: { level: rule.severity },
          })),
        },
      },
      results: diagnostics.map((diagnostic) => ({
        ruleId: diagnostic.code,
        ruleIndex: RULES.findIndex((rule) => rule.code === diagnostic.code),
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
