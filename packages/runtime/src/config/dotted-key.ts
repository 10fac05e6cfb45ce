/** Helpers for `permissions.defaultMode`-style keys addressing nested plain objects. */

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SEGMENT = /^[A-Za-z0-9_$@.:/-]+$/;

/** Splits a dotted key; refuses empty segments and prototype-polluting names. */
export function splitDottedKey(key: string): string[] | undefined {
  const parts = key.split('.');
  for (const part of parts) {
    if (!part || !SEGMENT.test(part)) return undefined;
    if (part === '__proto__' || part === 'constructor' || part === 'prototype') return undefined;
  }
  return parts;
}

export function getAtPath(root: unknown, parts: string[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const part of parts) {
    if (!isPlainObject(current) || !Object.hasOwn(current, part)) return { found: false, value: undefined };
    current = current[part];
  }
  return { found: true, value: current };
}

/** Returns a copy of `root` with `value` at `parts` (undefined deletes), creating objects on the way. */
export function setAtPath(root: JsonObject, parts: string[], value: unknown): JsonObject {
  const [head, ...rest] = parts;
  if (head === undefined) return root;
  const copy: JsonObject = { ...root };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = isPlainObject(copy[head]) ? (copy[head] as JsonObject) : {};
  copy[head] = setAtPath(child, rest, value);
  return copy;
}
