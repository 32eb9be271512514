// The /port lookup's thread: reading the socket tables and walking /proc/<pid>/fd grow with the
// host's connections (130 ms at 20k sockets), so they run here and the gateway keeps answering.
import { parentPort } from 'node:worker_threads';
import { scanProcNet } from './procfs-scan.mjs';

parentPort.on('message', async ({ id, request }) => {
  try {
    parentPort.postMessage({ id, result: await scanProcNet(request) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
