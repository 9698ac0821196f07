// Parts of the extension that activation does not need, built as their own files beside extension.js
// (esbuild.js, CHUNKS) and read on first use: the language client, the SSH terminal with ssh2, the
// connector scaffold with its TOML parser. Keeps extension.js small and activation cheap.
import * as path from 'path';
import type * as LintClient from './lint/client';
import type * as SshSession from './ssh/session';
import type * as CreateConnector from './inventory/createConnector';

interface Chunks {
  lintClient: typeof LintClient;
  sshSession: typeof SshSession;
  createConnector: typeof CreateConnector;
}

/** The chunk's exports; Node caches it after the first call. */
export function loadChunk<K extends keyof Chunks>(name: K): Chunks[K] {
  // a runtime require: esbuild leaves it alone, the chunk is its own bundle
  const load = require;
  return load(path.join(__dirname, 'chunks', `${name}.js`)) as Chunks[K];
}
