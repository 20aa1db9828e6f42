import { Worker } from 'node:worker_threads';

/**
 * The SHA-256 of a file (the provenance of an import: compare it with
 * `sha256sum` or `certutil -hashfile FILE SHA256`), computed on a worker
 * thread so the main thread stays free to transcode while the hash runs.
 * The worker's code is inline, so it survives bundling unchanged.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
const fd = openSync(workerData.path, 'r');
try {
  for (;;) {
    const read = readSync(fd, buffer, 0, buffer.length, null);
    if (read === 0) break;
    hash.update(buffer.subarray(0, read));
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
    let settled = false;
    worker.once('message', (digest: string) => {
      settled = true;
      resolve(digest);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the hashing thread stopped (exit code ${code}) before finishing ${path}`));
    });
  });
}
