import { redactSecret } from '@claw/auth';

/** Header, variable and query names whose values are credentials. */
const SECRET_NAME = /auth|token|secret|passw|api[-_]?key|^key$|credential|cookie|session|signature|sig$/i;

/** `${VAR}` or `${VAR:-default}` alone: a reference, safe to show (the value lives in the environment). */
const VARIABLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}$/;

function redactValue(value: string): string {
  if (VARIABLE_REFERENCE.test(value.trim())) return value;
  // `Bearer abc…`: keep the scheme, it says what kind of credential is configured.
  const scheme = /^(Bearer|Basic|Token|Bot)\s+(.+)$/i.exec(value);
  if (scheme?.[1] && scheme[2]) return `${scheme[1]} ${redactSecret(scheme[2])}`;
  return redactSecret(value);
}

function redactRecord(record: unknown): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [
      name,
      typeof value === 'string' && SECRET_NAME.test(name) ? redactValue(value) : value,
    ]),
  );
}

/** A URL with the values of credential-like query parameters (`?api_key=…`) and any user:password hidden. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.password) {
    parsed.password = redactSecret(decodeURIComponent(parsed.password));
    changed = true;
  }
  for (const [name, value] of [...parsed.searchParams]) {
    if (SECRET_NAME.test(name) && !VARIABLE_REFERENCE.test(value)) {
      parsed.searchParams.set(name, redactValue(value));
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}

/**
 * An MCP server entry as `claw mcp get|list` show it: credentials in `headers`, `env` and the URL are
 * shortened to `sk-ant-…abcd` (terminal scrollback, CI logs and screen shares are not the place for them);
 * `${VAR}` references stay as written.
 */
export function redactMcpEntry(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  if ('headers' in copy) copy.headers = redactRecord(copy.headers);
  if ('env' in copy) copy.env = redactRecord(copy.env);
  if (typeof copy.url === 'string') copy.url = redactUrl(copy.url);
  return copy;
}
