import { isPlainObject, type JsonObject } from './dotted-key.js';

/**
 * Layer merging, later wins. Pure: the loader feeds it one validated layer at a time.
 * - objects deep-merge;
 * - `permissions.allow|ask|deny` and `permissions.additionalDirectories` concatenate (a project cannot
 *   silently drop a user's deny rule by redefining the array), as do each event's list under `hooks`
 *   (Claude Code runs hooks from every settings file);
 * - an `mcpServers` entry is replaced whole (mixing two servers' fields would describe neither);
 * - everything else (scalars, other arrays) is replaced.
 */

function isConcatenated(parts: readonly string[]): boolean {
  if (parts.length !== 2) return false;
  const [head, key] = parts;
  if (head === 'permissions')
    return key === 'allow' || key === 'ask' || key === 'deny' || key === 'additionalDirectories';
  return head === 'hooks';
}

function isAtomic(parts: readonly string[]): boolean {
  return parts.length === 2 && parts[0] === 'mcpServers';
}

function dropProvenanceUnder(provenance: Map<string, string>, prefix: string): void {
  for (const key of [...provenance.keys()]) {
    if (key === prefix || key.startsWith(`${prefix}.`)) provenance.delete(key);
  }
}

function mergeInto(
  target: JsonObject,
  layer: JsonObject,
  parts: string[],
  source: string,
  provenance: Map<string, string>,
): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const path = [...parts, key];
    const dotted = path.join('.');
    const existing = target[key];
    if (isConcatenated(path) && Array.isArray(value)) {
      const previous = Array.isArray(existing) ? existing : [];
      const joined = [...previous, ...value];
      target[key] = path[1] === 'additionalDirectories' ? [...new Set(joined)] : joined;
      if (value.length > 0 || !provenance.has(dotted)) provenance.set(dotted, source);
    } else if (isPlainObject(value) && !isAtomic(path)) {
      if (!isPlainObject(existing)) {
        dropProvenanceUnder(provenance, dotted);
        target[key] = {};
      }
      mergeInto(target[key] as JsonObject, value, path, source, provenance);
    } else {
      dropProvenanceUnder(provenance, dotted);
      target[key] = structuredClone(value);
      provenance.set(dotted, source);
    }
  }
}

/** Merges `layer` into `merged` in place, recording for every leaf key which source set it last. */
export function mergeSettingsLayer(
  merged: JsonObject,
  layer: JsonObject,
  source: string,
  provenance: Map<string, string>,
): void {
  mergeInto(merged, layer, [], source, provenance);
}

/** The source that set `dottedKey`, or for an object key the source of its most recent leaf. */
export function provenanceOf(provenance: ReadonlyMap<string, string>, dottedKey: string): string | undefined {
  const exact = provenance.get(dottedKey);
  if (exact !== undefined) return exact;
  let found: string | undefined;
  for (const [key, source] of provenance) {
    if (key.startsWith(`${dottedKey}.`)) found = source;
  }
  return found;
}
