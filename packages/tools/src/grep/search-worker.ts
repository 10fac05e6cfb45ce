import { parentPort } from 'node:worker_threads';
import type { CompiledPattern } from './js-regex.js';
import { compileJob, type SearchJob, searchFileSync } from './search-file.js';
import type { FileSearchResult } from './search-spec.js';

/** A batch of files for one worker; results come back in the same order. */
export interface WorkerRequest {
  batch: number;
  job: SearchJob;
  files: string[];
}

export type WorkerResponse =
  | { batch: number; results: FileSearchResult[] }
  | { batch: number; error: string };

let compiled: { key: string; pattern: CompiledPattern } | undefined;

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    const key = JSON.stringify(request.job);
    if (compiled?.key !== key) compiled = { key, pattern: compileJob(request.job) };
    const pattern = compiled.pattern;
    const results = request.files.map((file) => searchFileSync(file, pattern, request.job));
    parentPort?.postMessage({ batch: request.batch, results } satisfies WorkerResponse);
  } catch (error) {
    parentPort?.postMessage({ batch: request.batch, error: String(error) } satisfies WorkerResponse);
  }
});
