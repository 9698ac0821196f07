// dist/lintWorker.js: a worker thread of `pyinfra-kit lint`, parsing its share of the files.
import { parentPort, workerData } from 'worker_threads';
import { prepareFiles } from '../core/analysis/parallelSummaries';

void prepareFiles((workerData as { files: string[] }).files).then((prepared) => parentPort?.postMessage(prepared));
