/** Settings values as `claw config list` shows them: objects are walked, arrays and scalars are leaves. */
export function flattenSettings(value: unknown, prefix = ''): Array<{ key: string; value: unknown }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return prefix ? [{ key: prefix, value }] : [];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return prefix ? [{ key: prefix, value }] : [];
  return entries.flatMap(([key, child]) => flattenSettings(child, prefix ? `${prefix}.${key}` : key));
}

/**
 * Looks a provenance key up in the merged settings. Names may themselves hold dots (`mcpServers.my.server`),
 * so at each level the longest matching prefix of the remaining parts wins.
 */
export function valueAtDottedKey(root: unknown, key: string): unknown {
  let current: unknown = root;
  let parts = key.split('.');
  while (parts.length > 0) {
    if (typeof current !== 'object' || current === null) return undefined;
    const record = current as Record<string, unknown>;
    let matched = 0;
    for (let n = parts.length; n > 0; n--) {
      if (Object.hasOwn(record, parts.slice(0, n).join('.'))) {
        matched = n;
        break;
      }
    }
    if (matched === 0) return undefined;
    current = record[parts.slice(0, matched).join('.')];
    parts = parts.slice(matched);
  }
  return current;
}

/** Strings print bare (so `$(claw config get model)` is the model); everything else as JSON. */
export function displayValue(value: unknown, pretty = false): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'undefined';
}
