import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { SearchJob } from './search-file.js';
import type { FileSearchResult } from './search-spec.js';
import type { WorkerRequest, WorkerResponse } from './search-worker.js';

const BATCH_SIZE = 256;

/**
 * The compiled worker script: next to this module, or — when this module was bundled into an application —
 * found through the package's `./search-worker` export. Absent when running from TypeScript sources (tests),
 * in which case the engine searches in the calling thread.
 */
export function defaultWorkerScript(): URL | undefined {
  const local = new URL('./search-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(local))) return local;
  try {
    const resolved = new URL(import.meta.resolve('@claw/tools/search-worker'));
    return existsSync(fileURLToPath(resolved)) ? resolved : undefined;
  } catch {
    // Not resolvable from here (sources run by the test runner): search in the calling thread.
    return undefined;
  }
}

/** Searches `files` on `threads` workers, handing out batches as workers free up; results keep file order. */
export async function searchOnWorkers(
  script: URL,
  threads: number,
  files: string[],
  job: SearchJob,
  signal: AbortSignal,
): Promise<FileSearchResult[]> {
  const results: FileSearchResult[] = new Array(files.length);
  // Loaded here so that every start of claw does not pay for worker_threads.
  const { Worker } = await import('node:worker_threads');
  const workers = Array.from({ length: threads }, () => new Worker(script));
  let nextStart = 0;
  let batchId = 0;
  const starts = new Map<number, number>();
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      let busy = 0;
      const onAbort = () => rejectAll(signal.reason ?? new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      const feed = (worker: Worker) => {
        if (nextStart >= files.length) {
          if (busy === 0) {
            signal.removeEventListener('abort', onAbort);
            resolveAll();
          }
          return;
        }
        const batch = batchId++;
        starts.set(batch, nextStart);
        const request: WorkerRequest = { batch, job, files: files.slice(nextStart, nextStart + BATCH_SIZE) };
        nextStart += BATCH_SIZE;
        busy++;
        worker.postMessage(request);
      };
      for (const worker of workers) {
        worker.on('message', (response: WorkerResponse) => {
          busy--;
          if ('error' in response) {
            rejectAll(new Error(response.error));
            return;
          }
          const start = starts.get(response.batch)!;
          response.results.forEach((result, offset) => {
            results[start + offset] = result;
          });
          feed(worker);
        });
        worker.on('error', rejectAll);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
