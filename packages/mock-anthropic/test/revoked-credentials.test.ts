import { describe, expect, it } from 'vitest';
import { messagesBody, postJson, readJson, useMockServer, userMessage } from './helpers.js';

const server = useMockServer({ revokedCredentials: ['sk-ant-api03-revoked-at-start-0000'] });

const VERSION = { 'anthropic-version': '2023-06-01' };
const bearer = (token: string) => ({
  'content-type': 'application/json',
  ...VERSION,
  authorization: `Bearer ${token}`,
});
const apiKey = (key: string) => ({ 'content-type': 'application/json', ...VERSION, 'x-api-key': key });

async function status(headers: Record<string, string>): Promise<{ status: number; type?: string }> {
  const response = await postJson(`${server().url}/v1/messages`, messagesBody([userMessage('hi')]), headers);
  const body = (await readJson(response)) as { error?: { type?: string } };
  return { status: response.status, ...(body.error?.type ? { type: body.error.type } : {}) };
}

describe('revoked credentials', () => {
  it('answers a token revoked mid-run with 401 authentication_error, other tokens still pass', async () => {
    expect(await status(bearer('oauth-access-old'))).toEqual({ status: 200 });
    server().revokeCredential('oauth-access-old');
    expect(await status(bearer('oauth-access-old'))).toEqual({ status: 401, type: 'authentication_error' });
    expect(await status(bearer('oauth-access-new'))).toEqual({ status: 200 });
    // reset() clears recorded requests and faults, not revocations: a revoked token stays revoked.
    server().reset();
    expect(await status(bearer('oauth-access-old'))).toEqual({ status: 401, type: 'authentication_error' });
  });

  it('applies to x-api-key too, and to keys revoked at start-up', async () => {
    expect(await status(apiKey('sk-ant-api03-revoked-at-start-0000'))).toEqual({
      status: 401,
      type: 'authentication_error',
    });
    expect(await status(apiKey('sk-ant-api03-still-good-0000'))).toEqual({ status: 200 });
    server().revokeCredential('sk-ant-api03-still-good-0000');
    expect(await status(apiKey('sk-ant-api03-still-good-0000'))).toMatchObject({ status: 401 });
  });
});
