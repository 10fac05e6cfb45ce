import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyHelperCache, AuthError, getApiKeyFromHelper, resolveCredential } from '../src/index.js';
import { makeTempConfigHome } from './helpers.js';

let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
beforeEach(async () => {
  home = await makeTempConfigHome();
});
afterEach(async () => {
  await home.cleanup();
});

/** A helper that counts its runs in a file and prints a key that names the run. */
function countingHelper(root: string): { command: string; runs: () => Promise<number> } {
  const counter = join(root, 'runs');
  return {
    command: `echo x >> '${counter}'; printf 'sk-ant-helper-key-%s\\n' "$(wc -l < '${counter}' | tr -d ' ')"`,
    runs: async () => (await readFile(counter, 'utf8').catch(() => '')).split('\n').filter(Boolean).length,
  };
}

describe('apiKeyHelper', () => {
  it('uses the trimmed stdout and caches it for the TTL', async () => {
    const helper = countingHelper(home.root);
    const cache = new ApiKeyHelperCache();
    let now = 1_000;
    const options = { command: helper.command, cache, ttlMs: 60_000, now: () => now };
    expect(await getApiKeyFromHelper(options)).toBe('sk-ant-helper-key-1');
    now += 59_000;
    expect(await getApiKeyFromHelper(options)).toBe('sk-ant-helper-key-1');
    expect(await helper.runs()).toBe(1);
    now += 2_000;
    expect(await getApiKeyFromHelper(options)).toBe('sk-ant-helper-key-2');
    expect(await helper.runs()).toBe(2);
  });

  it('runs once for concurrent callers', async () => {
    const helper = countingHelper(home.root);
    const cache = new ApiKeyHelperCache();
    const keys = await Promise.all(
      [1, 2, 3].map(() => getApiKeyFromHelper({ command: helper.command, cache })),
    );
    expect(new Set(keys)).toEqual(new Set(['sk-ant-helper-key-1']));
    expect(await helper.runs()).toBe(1);
  });

  it('ttl 0 runs the helper every time; invalidate() forgets the key', async () => {
    const helper = countingHelper(home.root);
    const cache = new ApiKeyHelperCache();
    await getApiKeyFromHelper({ command: helper.command, cache, ttlMs: 0 });
    await getApiKeyFromHelper({ command: helper.command, cache, ttlMs: 0 });
    expect(await helper.runs()).toBe(2);
    // The last run is cached for callers with a TTL.
    expect(await getApiKeyFromHelper({ command: helper.command, cache })).toBe('sk-ant-helper-key-2');
    cache.invalidate(helper.command);
    expect(await getApiKeyFromHelper({ command: helper.command, cache })).toBe('sk-ant-helper-key-3');
  });

  it('kills a helper that hangs, with its children, at the timeout', async () => {
    const started = Date.now();
    const error = await getApiKeyFromHelper({
      command: 'sleep 30 & sleep 30; echo never',
      cache: new ApiKeyHelperCache(),
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ kind: 'auth', reason: 'api-key-helper' });
    expect((error as AuthError).message).toContain('timed out');
  });

  it.each([
    ['exit 3', 'exited with code 3'],
    ['true', 'printed nothing'],
    ['printf "sk-ant-api03-HALFPRINTEDKEY-0000"; echo oops >&2; exit 1', 'exited with code 1'],
  ])('%s fails with a typed error (%s) that never contains stdout', async (command, expected) => {
    const error = await getApiKeyFromHelper({ command, cache: new ApiKeyHelperCache() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toContain(expected);
    expect((error as AuthError).message).not.toContain('HALFPRINTEDKEY');
  });

  it('is the first source and wins over everything else', async () => {
    const credential = await resolveCredential({
      env: { ANTHROPIC_API_KEY: 'sk-ant-env-key-000000000000' },
      configHome: home.configHome,
      apiKeyHelper: "echo ' sk-ant-from-helper-0000000000 '",
      apiKeyHelperCache: new ApiKeyHelperCache(),
    });
    expect(credential).toEqual({
      kind: 'api-key',
      value: 'sk-ant-from-helper-0000000000',
      source: 'apiKeyHelper',
    });
  });
});
