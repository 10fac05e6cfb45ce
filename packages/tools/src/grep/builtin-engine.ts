import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { walkFiles } from '../file-walker.js';
import { createFileFilter } from './file-filter.js';
import { compileJob, searchFile, searchJobFor } from './search-file.js';
import { comparePaths, type FileSearchResult, type GrepResult, type GrepSpec } from './search-spec.js';
import { defaultWorkerScript, searchOnWorkers } from './worker-pool.js';

export interface BuiltinEngineOptions {
  /** Worker threads; 0 searches in the calling thread. Default: up to 4, when the tree is large. */
  workers?: number;
  /** Compiled worker script (defaults to the one beside this module when built). */
  workerScript?: URL;
  signal: AbortSignal;
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 2000;
const PARALLEL_READS = 64;

/**
 * The engine used when `rg` is not installed: the same file selection (ignore files, hidden files, globs,
 * types, binary files) and the same per-line semantics, so results are identical.
 */
export async function runBuiltinGrep(
  root: string,
  spec: GrepSpec,
  options: BuiltinEngineOptions,
): Promise<GrepResult> {
  const job = searchJobFor(spec);
  const pattern = compileJob(job);
  const files = await listFiles(root, spec, options.signal);
  const script = options.workerScript ?? defaultWorkerScript();
  const threads = options.workers ?? Math.min(4, Math.max(1, availableParallelism()));
  let results: FileSearchResult[];
  if (script && threads > 0 && files.length >= (options.workers === undefined ? MIN_FILES_FOR_WORKERS : 1)) {
    results = await searchOnWorkers(script, threads, files, job, options.signal);
  } else {
    results = new Array(files.length);
    let next = 0;
    const reader = async () => {
      while (next < files.length) {
        options.signal.throwIfAborted();
        const index = next++;
        results[index] = await searchFile(files[index]!, pattern, job);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, files.length) }, reader));
  }
  return collect(spec, files, results);
}

async function listFiles(root: string, spec: GrepSpec, signal: AbortSignal): Promise<string[]> {
  const stats = await stat(root);
  if (!stats.isDirectory()) return [root];
  const filter = createFileFilter(spec);
  const files: string[] = [];
  await walkFiles({
    root,
    includeHidden: false,
    respectIgnoreFiles: true,
    signal,
    override: (rel, isDirectory) => filter.override(rel, isDirectory),
    fileType: (rel) => filter.matchesType(rel),
    onFile: (absolute) => {
      files.push(absolute);
    },
  });
  return files.sort(comparePaths);
}

function collect(spec: GrepSpec, files: string[], results: FileSearchResult[]): GrepResult {
  switch (spec.mode) {
    case 'files_with_matches':
      return { mode: spec.mode, files: files.filter((_, index) => results[index] !== undefined) };
    case 'count':
      return {
        mode: spec.mode,
        counts: files.flatMap((path, index) => {
          const result = results[index];
          return result ? [{ path, count: result.count }] : [];
        }),
      };
    case 'content':
      return {
        mode: spec.mode,
        files: files.flatMap((path, index) => {
          const lines = results[index]?.lines;
          return lines ? [{ path, lines }] : [];
        }),
      };
  }
}
