import { describe, expect, it } from 'vitest';
import { makeCredential, redactSecret, redactSecretsInText } from '../src/index.js';

describe('redactSecret', () => {
  it.each([
    ['sk-ant-api03-abcdefghijklmnopqrstuvwxyz-wxyz', 'sk-ant-…wxyz'],
    ['sk-ant-oat01-0123456789abcdef', 'sk-an…cdef'],
    ['0123456789abcdef', '012…ef'],
    ['short-secret', 'sh…et'],
    ['tiny', '…'],
    ['', '…'],
  ])('%s → %s', (secret, expected) => {
    expect(redactSecret(secret)).toBe(expected);
  });

  it('never reveals more than a third of the secret', () => {
    for (let length = 0; length < 80; length++) {
      const secret = 'x'.repeat(length);
      const shown = redactSecret(secret).replace('…', '').length;
      expect(shown).toBeLessThanOrEqual(Math.ceil(length / 3));
    }
  });
});

describe('redactSecretsInText', () => {
  it('replaces every occurrence of known secrets', () => {
    const secret = 'my-gateway-key-1234567890';
    const text = `key=${secret} again ${secret}`;
    const result = redactSecretsInText(text, [secret]);
    expect(result).not.toContain(secret);
    expect(result).toBe('key=my-g…7890 again my-g…7890');
  });

  it('redacts Anthropic-shaped keys even when not listed', () => {
    const result = redactSecretsInText('use sk-ant-api03-ZZZZZZZZZZZZZZZZ1234 now');
    expect(result).toBe('use sk-ant-…1234 now');
  });

  it('ignores very short "secrets" and undefined entries', () => {
    expect(redactSecretsInText('a b c', ['a', undefined])).toBe('a b c');
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    const inner = 'abcdefghijkl';
    const outer = `${inner}-mnopqrstuv`;
    expect(redactSecretsInText(outer, [inner, outer])).toBe(redactSecret(outer));
  });
});

describe('ResolvedCredential hygiene', () => {
  it('keeps the value out of JSON and inspect output, but usable and comparable', async () => {
    const { inspect } = await import('node:util');
    const value = 'sk-ant-api03-SECRETSECRETSECRET9876';
    const credential = makeCredential({ kind: 'api-key', value, source: 'ANTHROPIC_API_KEY' });
    expect(credential.value).toBe(value);
    expect(credential).toEqual({ kind: 'api-key', value, source: 'ANTHROPIC_API_KEY' });
    expect(JSON.stringify(credential)).not.toContain(value);
    expect(JSON.stringify(credential)).toContain('sk-ant-…9876');
    expect(inspect(credential)).not.toContain(value);
  });
});
