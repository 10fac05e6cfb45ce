import { resolveConfigHome } from './config-home.js';
import { AuthError } from './errors.js';
import type { LoginResult } from './oauth-flow.js';
import { type CredentialStore, createFileCredentialStore } from './token-store.js';

export interface ApiKeyLoginOptions {
  /** The key, as read from stdin by the CLI (never from argv, where `ps` and shell history see it). */
  key: string;
  configHome?: string;
  store?: CredentialStore;
  now?: () => number;
}

/**
 * Loose on purpose: gateways and proxies issue keys that do not look like Anthropic's. It catches the
 * common accidents (empty paste, a pasted command line, a key with a line break in it).
 */
export function validateApiKeyShape(key: string): string | undefined {
  if (key.length === 0) return 'the key is empty';
  if (key.length < 16) return 'the key is too short';
  if (key.length > 512) return 'the key is too long';
  if (/\s/.test(key)) return 'the key contains whitespace';
  if (!/^[\x21-\x7e]+$/.test(key)) return 'the key contains characters outside printable ASCII';
  return undefined;
}

/** `claw login --api-key`: stores an API key, replacing any stored OAuth login. */
export async function loginWithApiKey(options: ApiKeyLoginOptions): Promise<LoginResult> {
  const key = options.key.trim();
  const problem = validateApiKeyShape(key);
  if (problem !== undefined) {
    throw new AuthError(
      'invalid-api-key',
      `That does not look like an API key: ${problem}.`,
      'Pipe the key on stdin, e.g. `printf %s "$KEY" | claw login --api-key`.',
    );
  }
  const store = options.store ?? createFileCredentialStore(options.configHome ?? resolveConfigHome());
  const savedAt = (options.now ?? Date.now)();
  await store.transaction(async (current, write) => {
    // One stored login at a time: a stored OAuth token would otherwise keep winning over the new key.
    const { oauth: _replaced, ...rest } = current;
    await write({ ...rest, apiKey: { key, savedAt } });
  });
  return { method: 'api-key', location: store.location };
}
