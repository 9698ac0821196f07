// dist/lintWorker.js: a worker thread of `pyinfra-kit lint`, parsing the batches of files it is sent until an empty one.
import { parentPort } from 'worker_threads';
import { prepareFiles } from '../core/analysis/parallelSummaries';

parentPort?.on('message', (files: string[]) => {
  if (files.length === 0) parentPort?.close();
  else void prepareFiles(files).then((prepared) => parentPort?.postMessage(prepared));
});
