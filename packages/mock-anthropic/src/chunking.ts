import type { ChunkSize } from './scenarios/step.js';

/** Normalises a chunk size option into the list of sizes used in turn. */
export function chunkSizes(size: ChunkSize): number[] {
  const sizes = Array.isArray(size) ? size : [size];
  const valid = sizes.filter((value) => Number.isInteger(value) && value > 0);
  return valid.length > 0 ? valid : [1];
}

/** Splits text into consecutive pieces whose lengths cycle through `sizes` (code units, as JSON is). */
export function splitIntoChunks(text: string, sizes: readonly number[]): string[] {
  const chunks: string[] = [];
  let offset = 0;
  for (let turn = 0; offset < text.length; turn++) {
    const size = sizes[turn % sizes.length] ?? 1;
    chunks.push(text.slice(offset, offset + size));
    offset += size;
  }
  return chunks;
}
