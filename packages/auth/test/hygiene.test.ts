import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  createCredentialProvider,
  describeCredentialSources,
  loginWithApiKey,
  logout,
  resolveCredential,
} from '../src/index.js';
import { startTestOAuthServer, type TestOAuthServer } from '../src/testing/index.js';
import { listFilesRecursive, loginAgainst, makeTempConfigHome } from './helpers.js';

const CLIENT_ID = 'claw-hygiene-client';
let home: Awaited<ReturnType<typeof makeTempConfigHome>>;
let server: TestOAuthServer;

beforeEach(async () => {
  home = await makeTempConfigHome();
  server = await startTestOAuthServer({ clientId: CLIENT_ID, accessTokenTtlSeconds: 60 });
});
afterEach(async () => {
  await server.close();
  await home.cleanup();
});

describe('secrets stay in credentials.json', () => {
  it('after login, refresh, a 401, a failed refresh, status and an API key login, no other file holds a secret', async () => {
    const apiKey = 'sk-ant-api03-HYGIENEKEYhygienekey-9999';
    const surfaced: string[] = [];

    await loginAgainst(server, home.configHome, CLIENT_ID);
    const provider = createCredentialProvider({
      env: {},
      configHome: home.configHome,
      oauth: { clientId: CLIENT_ID },
    });
    await provider.get(); // refresh inside the skew
    await provider.onUnauthorized(); // refresh after a 401
    server.setFailRefresh(true);
    const late = createCredentialProvider({
      env: {},
      configHome: home.configHome,
      now: () => Date.now() + 10 * 3_600_000,
    });
    const error = (await late.get().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    surfaced.push(error.message, error.hint, JSON.stringify(error.toJSON()));
    surfaced.push(JSON.stringify(await describeCredentialSources({ env: {}, configHome: home.configHome })));
    const credential = await resolveCredential({ env: {}, configHome: home.configHome });
    surfaced.push(JSON.stringify(credential), String(credential));

    await loginWithApiKey({ key: apiKey, configHome: home.configHome });
    surfaced.push(JSON.stringify(await describeCredentialSources({ env: {}, configHome: home.configHome })));

    const secrets = [...server.issuedSecrets(), apiKey];
    expect(server.refreshCount()).toBe(2);
    expect(secrets.length).toBeGreaterThan(5);

    const files = await listFilesRecursive(home.root);
    expect(files.map((f) => basename(f))).toContain('credentials.json');
    for (const file of files) {
      if (basename(file) === 'credentials.json') continue;
      const text = await readFile(file, 'utf8');
      for (const secret of secrets) expect(text, `${file} leaks a secret`).not.toContain(secret);
    }
    for (const text of surfaced) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    // Only the credentials file is left in the config home: no temp files, no lock.
    expect(files.filter((f) => f.startsWith(home.configHome)).map((f) => basename(f))).toEqual([
      'credentials.json',
    ]);

    await logout({ configHome: home.configHome });
    expect(await listFilesRecursive(home.configHome)).toEqual([]);
  });
});
