import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJsonLines } from '../helpers.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Writes a file under `root`, creating parent directories. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** The single JSON object a reporting command prints in json mode. */
export function onlyJson(stdout: string): Record<string, unknown> {
  const lines = parseJsonLines(stdout);
  if (lines.length !== 1) throw new Error(`expected one JSON line, got ${lines.length}:\n${stdout}`);
  return lines[0] as Record<string, unknown>;
}
