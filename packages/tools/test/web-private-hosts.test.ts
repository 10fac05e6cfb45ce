import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFetchUrl, createWebFetchTool, parsePrivateHostEntry } from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

const ALLOWED = ['intranet.example', '10.0.0.0/8', 'fd00::/8'];

describe('webFetch.allowPrivateHosts entries', () => {
  it.each([
    ['intranet.example', 'name'],
    ['Wiki.Corp.Example.', 'name'],
    ['10.0.0.0/8', 'range'],
    ['10.1.2.3', 'range'],
    ['fd00::/8', 'range'],
    ['[::1]', 'range'],
    ['*', undefined],
    ['*.example.com', undefined],
    ['10.0.0.0/33', undefined],
    ['10.0.0.0/8/1', undefined],
    ['intranet.example/8', undefined],
    ['http://intranet.example', undefined],
    ['intra net', undefined],
    ['', undefined],
  ])('%s → %s', (entry, kind) => {
    expect(parsePrivateHostEntry(entry)?.kind).toBe(kind);
  });
});

// Each row: a URL (and what its name resolves to) against the list above; only what the list names passes.
describe('WebFetch with private hosts allowed by name or range', () => {
  it.each([
    ['https://10.1.2.3/', true],
    ['https://[fd00::5]/', true],
    ['https://192.168.1.1/', false],
    ['https://127.0.0.1/', false],
    ['https://169.254.169.254/', false],
    ['https://localhost/', false],
    ['https://metadata.google.internal/', false],
    ['https://intranet.example/', true],
  ])('checkFetchUrl(%s) allowed: %s', (url, allowed) => {
    expect(checkFetchUrl(url, { allowPrivateHosts: ALLOWED }).ok).toBe(allowed);
  });

  const resolving = (addresses: LookupAddress[]) => async () => addresses;
  it.each([
    [
      'listed name to a private address',
      'https://intranet.example/',
      [{ address: '192.168.7.7', family: 4 }],
      false,
    ],
    [
      'listed name, any case and trailing dot',
      'https://INTRANET.example./',
      [{ address: '192.168.7.7', family: 4 }],
      false,
    ],
    ['other name into a listed range', 'https://build.example/', [{ address: '10.9.9.9', family: 4 }], false],
    [
      'look-alike of a listed name',
      'https://intranet.example.attacker.test/',
      [{ address: '192.168.7.7', family: 4 }],
      true,
    ],
    ['other name to metadata', 'https://x.attacker.test/', [{ address: '169.254.169.254', family: 4 }], true],
    [
      'listed range plus a private address outside it',
      'https://mixed.example/',
      [
        { address: '10.0.0.1', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
      true,
    ],
    [
      'IPv4-mapped address in a listed range',
      'https://mapped.example/',
      [{ address: '::ffff:10.0.0.1', family: 6 }],
      false,
    ],
  ])('%s: refused %s', async (_name, url, addresses, refused) => {
    const tool = createWebFetchTool({ allowPrivateHosts: ALLOWED, lookupHost: resolving(addresses) });
    const result = await run(tool, { url, prompt: 'x' }, makeContext(await tempDir()));
    // Allowed rows get past the guard and then fail to connect (nothing listens there); refused rows never try.
    expect(/private or local address/.test(text(result))).toBe(refused);
  });
});

describe('WebFetch answering the prompt', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<h1>Release notes</h1><p>Version 2 adds proxies.</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const local = { allowPrivateHosts: true, plainHttpHosts: ['127.0.0.1'] };

  it("returns the processor's answer, given the page as markdown and the prompt", async () => {
    const calls: Array<{ content: string; prompt: string; url: string }> = [];
    const tool = createWebFetchTool({
      ...local,
      processWebContent: async (content, prompt, url) => {
        calls.push({ content, prompt, url });
        return 'Version 2 adds proxies.';
      },
    });
    const result = await run(
      tool,
      { url: `${base}/notes`, prompt: 'what is new?' },
      makeContext(await tempDir()),
    );
    expect(calls).toEqual([
      { content: expect.stringContaining('# Release notes'), prompt: 'what is new?', url: `${base}/notes` },
    ]);
    expect(text(result)).toBe(`URL: ${base}/notes\n\nVersion 2 adds proxies.`);
  });

  it.each([
    [
      'fails',
      async () => Promise.reject(new Error('no credential')),
      /could not be processed.*no credential/,
    ],
    ['answers nothing', async () => '  ', /could not be processed.*empty/],
  ])('falls back to the page with a note when the processor %s', async (_name, processWebContent, note) => {
    const tool = createWebFetchTool({ ...local, processWebContent });
    const result = await run(
      tool,
      { url: `${base}/notes`, prompt: 'what is new?' },
      makeContext(await tempDir()),
    );
    expect(result.isError).toBeFalsy();
    expect(text(result)).toMatch(note);
    expect(text(result)).toContain('Version 2 adds proxies.');
    expect(text(result)).toContain("The user's request about this page: what is new?");
  });
});
