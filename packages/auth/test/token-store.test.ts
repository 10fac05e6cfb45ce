import { spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  createFileCredentialStore,
  loginWithApiKey,
  logout,
  resolveCredential,
} from '../src/index.js';
import { makeTempConfigHome } from './helpers.js';

let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
beforeEach(async () => {
  home = await makeTempConfigHome();
});
afterEach(async () => {
  await home.cleanup();
});

const KEY = 'sk-ant-api03-storedKEYstoredKEYstored-1234';

describe('file credential store', () => {
  it('creates the directory 0700 and the file 0600, and round-trips through the schema', async () => {
    await loginWithApiKey({ key: `  ${KEY}\n`, configHome: home.configHome, now: () => 42 });
    expect((await stat(home.configHome)).mode & 0o777).toBe(0o700);
    const file = join(home.configHome, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      apiKey: { key: KEY, savedAt: 42 },
    });
    const store = createFileCredentialStore(home.configHome);
    expect((await store.read()).apiKey?.key).toBe(KEY);
  });

  it('sets 0600 even when the umask would allow more', async () => {
    const previous = process.umask(0o000);
    try {
      await loginWithApiKey({ key: KEY, configHome: home.configHome });
    } finally {
      process.umask(previous);
    }
    expect((await stat(join(home.configHome, 'credentials.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(home.configHome)).mode & 0o777).toBe(0o700);
  });

  it('keeps unknown top-level keys written by a newer claw', async () => {
    await mkdir(home.configHome, { recursive: true });
    const file = join(home.configHome, 'credentials.json');
    await writeFile(file, JSON.stringify({ version: 1, future: { x: 1 } }));
    await loginWithApiKey({ key: KEY, configHome: home.configHome });
    expect(JSON.parse(await readFile(file, 'utf8')).future).toEqual({ x: 1 });
  });

  it('leaves no temp or lock files behind', async () => {
    await loginWithApiKey({ key: KEY, configHome: home.configHome });
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(home.configHome)).toEqual(['credentials.json']);
  });

  it.each([
    ['not JSON', '{"apiKey": {"key": "sk-ant-api03-LEAKED-IN-BROKEN-FILE-0001"'],
    [
      'wrong shape',
      JSON.stringify({ version: 1, apiKey: { key: 'sk-ant-api03-LEAKED-IN-BROKEN-FILE-0001' } }),
    ],
    ['wrong version', JSON.stringify({ version: 7 })],
  ])('a corrupt store (%s) gives a clear AuthError without its contents', async (_name, contents) => {
    await mkdir(home.configHome, { recursive: true });
    await writeFile(join(home.configHome, 'credentials.json'), contents);
    const error = await resolveCredential({ env: {}, configHome: home.configHome }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    const authError = error as AuthError;
    expect(authError.kind).toBe('auth');
    expect(authError.reason).toBe('corrupt-store');
    expect(authError.message).toContain('credentials.json');
    expect(authError.hint).toContain('claw logout');
    expect(JSON.stringify(authError.toJSON())).not.toContain('LEAKED');
    // The advertised way out works.
    expect(await logout({ configHome: home.configHome })).toMatchObject({ removed: true });
    expect(await resolveCredential({ env: {}, configHome: home.configHome })).toBeUndefined();
  });

  it('logout reports when there was nothing to remove', async () => {
    expect(await logout({ configHome: home.configHome })).toMatchObject({ removed: false });
  });
});

describe('credentials lock', () => {
  it('breaks a stale lock left by a dead process', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await mkdir(home.configHome, { recursive: true });
    const { hostname } = await import('node:os');
    await writeFile(
      join(home.configHome, 'credentials.json.lock'),
      JSON.stringify({ pid: dead.pid, host: hostname(), createdAt: Date.now(), nonce: 'dead' }),
    );
    await loginWithApiKey({ key: KEY, configHome: home.configHome });
    expect((await createFileCredentialStore(home.configHome).read()).apiKey?.key).toBe(KEY);
  });

  it('waits for a live lock and times out with a typed error', async () => {
    await mkdir(home.configHome, { recursive: true });
    const { hostname } = await import('node:os');
    await writeFile(
      join(home.configHome, 'credentials.json.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now(), nonce: 'alive' }),
    );
    const store = createFileCredentialStore(home.configHome, { lock: { timeoutMs: 150 } });
    const error = await loginWithApiKey({ key: KEY, store }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', reason: 'lock-timeout' });
  });

  it('takes over a lock older than staleMs even if its pid is alive', async () => {
    await mkdir(home.configHome, { recursive: true });
    const { hostname } = await import('node:os');
    await writeFile(
      join(home.configHome, 'credentials.json.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() - 10_000, nonce: 'old' }),
    );
    const store = createFileCredentialStore(home.configHome, { lock: { staleMs: 5_000, timeoutMs: 2_000 } });
    await loginWithApiKey({ key: KEY, store });
    expect((await store.read()).apiKey?.key).toBe(KEY);
  });

  it('serializes concurrent writers in one process', async () => {
    const store = createFileCredentialStore(home.configHome);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.transaction(async (current, write) => {
          const count = Number((current as { count?: number }).count ?? 0);
          await new Promise((resolve) => setTimeout(resolve, 5 + (i % 3)));
          await write({ ...current, count: count + 1 });
        }),
      ),
    );
    expect((await store.read()) as { count?: number }).toMatchObject({ count: 8 });
  });
});

describe('loginWithApiKey', () => {
  it.each([
    ['', 'empty'],
    ['short', 'too short'],
    ['sk-ant-api03 with spaces in it', 'whitespace'],
    ['sk-ant-api03-line\nbreak-0000000', 'whitespace'],
    ['sk-ant-api03-ünïcödé-000000000', 'printable ASCII'],
  ])('rejects %j (%s) without echoing it', async (key, problem) => {
    const error = await loginWithApiKey({ key, configHome: home.configHome }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', reason: 'invalid-api-key' });
    expect((error as AuthError).message).toContain(problem);
    if (key.length > 5) expect((error as AuthError).message).not.toContain(key);
  });

  it('accepts non-Anthropic key shapes (gateways)', async () => {
    await expect(
      loginWithApiKey({ key: 'gw_0123456789abcdef0123', configHome: home.configHome }),
    ).resolves.toMatchObject({
      method: 'api-key',
    });
  });
});
