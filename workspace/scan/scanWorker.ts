/** Worker thread of the audit: builds an engine from the rules it is handed and scans batches. */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engineFactory';
import type { ScanSetup } from './scanPool';
import { scanFile } from '../files/fileReader';

const setup = workerData as ScanSetup;
const engine = createEngine({ ...setup, siblingCache: 'per-audit' });

parentPort!.on('message', (batch: { id: number; files: { absolute: string; relative: string }[] }) => {
  const results = batch.files.map((f) => scanFile(engine, f.absolute, f.relative, setup.inventory));
  parentPort!.postMessage({ id: batch.id, results });
});
