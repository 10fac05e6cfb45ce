const ELLIPSIS = '…';
/** Shorter "secrets" would make redactSecretsInText rewrite ordinary words; they are not worth hunting. */
const MIN_KNOWN_SECRET_LENGTH = 8;
/**
 * Anthropic key/token shapes are redacted even when the caller did not list them, so a key pasted into a
 * prompt or echoed by a tool does not reach a log verbatim.
 */
const ANTHROPIC_SECRET_PATTERN = /sk-ant-[A-Za-z0-9_-]{8,}/g;

/**
 * `sk-ant-api03-…wxyz` → `sk-ant-…wxyz`: keeps at most the first 7 characters (enough to tell a key kind)
 * and the last 4 (enough to tell two keys apart), and never more than a third of the secret in total, so
 * short values reveal less; values under 12 characters are hidden completely.
 */
export function redactSecret(secret: string): string {
  const length = secret.length;
  if (length < 12) return ELLIPSIS;
  const budget = Math.floor(length / 3);
  const suffixLength = Math.min(4, Math.floor(budget / 2));
  const prefixLength = Math.min(7, budget - suffixLength);
  return `${secret.slice(0, prefixLength)}${ELLIPSIS}${secret.slice(-suffixLength)}`;
}

/** Replaces every occurrence of each known secret (and anything shaped like an Anthropic key) in `text`. */
export function redactSecretsInText(
  text: string,
  knownSecrets: readonly (string | undefined)[] = [],
): string {
  let result = text;
  // Longest first, so a secret that contains another is replaced whole.
  const secrets = [...new Set(knownSecrets)]
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_KNOWN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) {
    result = result.split(secret).join(redactSecret(secret));
  }
  return result.replace(ANTHROPIC_SECRET_PATTERN, (match) =>
    match.includes(ELLIPSIS) ? match : redactSecret(match),
  );
}
