import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const cache = new Map<string, string | null>();

/** Looks a program up on PATH once per process (`which`), so each Grep call does not pay for it. */
export function findExecutable(name: string, pathVariable = process.env.PATH ?? ''): string | null {
  const key = `${name}\0${pathVariable}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  for (const dir of pathVariable.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) {
        found = candidate;
        break;
      }
    } catch {
      // Not in this PATH entry; keep looking.
    }
  }
  cache.set(key, found);
  return found;
}
