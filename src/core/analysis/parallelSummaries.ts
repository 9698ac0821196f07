// A cold lint of many files parses them on worker threads as well as on the main thread: summaries are plain
// data, so a worker sends them back and the index takes them as if it had parsed them itself.
import { Worker } from 'worker_threads';
import { summarizeClosedFile } from './closedFileSummary';
import { readTextFromDisk } from './workspaceIndex';
import { ModuleSummary } from './moduleSummary';
import { mentionsConnectorVocabulary } from './prepass';
import { loadPythonParser } from './pythonParser';

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
    // read synchronously: a file handle per file through fs.promises costs more than the parse of a skimmed file
    const text = readTextFromDisk(file);
    if (text === undefined || !file.endsWith('.py') || !mentionsConnectorVocabulary(text)) {
      prepared.push({ file, text });
      continue;
    }
    prepared.push({ file, text, summary: summarizeClosedFile(parser, file, text) });
  }
  return prepared;
}

/** Files handed out at a time: small enough that a thread which starts late (a worker) still gets its fair part. */
const BATCH = 8;

type Take = () => string[];
type Keep = (prepared: PreparedFile[]) => void;

/** A worker asks for batches until none is left; an empty batch tells it to exit. */
function inWorker(script: string, take: Take, keep: Keep): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    const sendBatch = () => worker.postMessage(take());
    worker.on('message', (prepared: PreparedFile[]) => {
      keep(prepared);
      sendBatch();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lint worker exited with ${code}`))));
    sendBatch();
  });
}

/**
 * Prepares files on `threads` threads (the main one included) and returns them in the given order. The threads
 * take batches from one queue: the main thread parses while the workers start, then each takes what is left.
 * `workerScript` answers each batch it is sent with prepareFiles(batch) and exits on an empty one.
 */
export async function prepareInParallel(files: string[], threads: number, workerScript: string): Promise<PreparedFile[]> {
  if (threads <= 1) return prepareFiles(files);
  let next = 0;
  const take: Take = () => files.slice(next, (next += BATCH));
  const byFile = new Map<string, PreparedFile>();
  const keep: Keep = (prepared) => prepared.forEach((file) => byFile.set(file.file, file));
  const onMainThread = async () => {
    for (let batch = take(); batch.length > 0; batch = take()) keep(await prepareFiles(batch));
  };
  await Promise.all([onMainThread(), ...Array.from({ length: threads - 1 }, () => inWorker(workerScript, take, keep))]);
  return files.map((file) => byFile.get(file)!);
}
