// A cold lint of many files parses them on worker threads as well as on the main thread: summaries are plain
// data, so a worker sends them back and the index takes them as if it had parsed them itself.
import { promises as fs } from 'fs';
import { Worker } from 'worker_threads';
import { ModuleSummary } from './moduleSummary';
import { mentionsConnectorVocabulary } from './prepass';
import { loadPythonParser } from './pythonParser';
import { summarize } from './summarize';

export interface PreparedFile {
  file: string;
  /** undefined when the file cannot be read. */
  text?: string;
  /** Present when the pre-pass says the file must be parsed. */
  summary?: ModuleSummary;
}

/** Reads each file and parses those the pre-pass picks (what WorkspaceIndex.setFile would parse). */
export async function prepareFiles(files: string[]): Promise<PreparedFile[]> {
  const parser = await loadPythonParser();
  const prepared: PreparedFile[] = [];
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined || !file.endsWith('.py') || !mentionsConnectorVocabulary(text)) {
      prepared.push({ file, text });
      continue;
    }
    const tree = parser.parse(text);
    try {
      prepared.push({ file, text, summary: summarize(file, text, tree) });
    } finally {
      tree.delete();
    }
  }
  return prepared;
}

function inWorker(script: string, files: string[]): Promise<PreparedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { files } });
    worker.once('message', (prepared: PreparedFile[]) => resolve(prepared));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`lint worker exited with ${code}`)));
  });
}

/**
 * Prepares files on `threads` threads (the main one included), in the given order. `workerScript` runs
 * prepareFiles(workerData.files) and posts the result.
 */
export async function prepareInParallel(files: string[], threads: number, workerScript: string): Promise<PreparedFile[]> {
  if (threads <= 1) return prepareFiles(files);
  // interleaved shares: big and small files are spread evenly
  const shares = Array.from({ length: threads }, (_, share) => files.filter((_, i) => i % threads === share));
  const results = await Promise.all(shares.map((share, i) => (i === 0 ? prepareFiles(share) : inWorker(workerScript, share))));
  const byFile = new Map(results.flat().map((prepared) => [prepared.file, prepared]));
  return files.map((file) => byFile.get(file)!);
}
