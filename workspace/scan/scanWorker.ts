/** Worker thread of the audit: builds an engine from the rules it is handed and scans batches. */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engineFactory';
import type { ScanSetup, WorkerBatch } from './scanPool';
import { scanFile } from '../files/fileReader';
import { contentHash } from './auditCache';
import { packScans } from './batchResults';

const setup = workerData as ScanSetup;
const engine = createEngine({ ...setup, siblingCache: 'per-audit' });

parentPort!.on('message', (batch: WorkerBatch) => {
  const results = batch.files.map((f) =>
    scanFile(
      engine,
      f.absolute,
      f.relative,
      setup.inventory,
      batch.hash ? (f.stamp ? { hash: contentHash, stamp: true } : { hash: contentHash, expect: f.expect }) : undefined,
      f.size,
    ),
  );
  parentPort!.postMessage(packScans(batch.id, results));
});
