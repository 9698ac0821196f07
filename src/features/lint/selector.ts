// The documents the language server lints: Python files and pyproject.toml, on disk.
export const SELECTOR: Array<{ scheme: string; language?: string; pattern?: string }> = [
  { scheme: 'file', language: 'python' },
  { scheme: 'file', pattern: '**/pyproject.toml' },
];
