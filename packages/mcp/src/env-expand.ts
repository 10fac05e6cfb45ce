/** Result of expanding `${VAR}` / `${VAR:-default}` references in one string. */
export interface ExpandResult {
  value: string;
  /** Variables referenced without a default that are not set. */
  missing: string[];
}

const VAR_PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Claude Code's `.mcp.json` expansion: `${VAR}` takes the variable, `${VAR:-default}` falls back to the
 * default when the variable is unset or empty. A missing variable without a default is reported so the entry
 * can be rejected with a message naming it, instead of starting a server with a broken argument.
 */
export function expandVariables(
  input: string,
  env: Readonly<Record<string, string | undefined>>,
): ExpandResult {
  const missing: string[] = [];
  const value = input.replace(VAR_PATTERN, (_match, name: string, fallback: string | undefined) => {
    const current = env[name];
    if (current !== undefined && current !== '') return current;
    if (fallback !== undefined) return fallback;
    if (current === undefined) missing.push(name);
    return '';
  });
  return { value, missing };
}

/** Expands every string of a record; collects all missing variables. */
export function expandRecord(
  record: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): { value: Record<string, string>; missing: string[] } {
  const value: Record<string, string> = {};
  const missing: string[] = [];
  for (const [key, raw] of Object.entries(record)) {
    const expanded = expandVariables(raw, env);
    value[key] = expanded.value;
    missing.push(...expanded.missing);
  }
  return { value, missing };
}
