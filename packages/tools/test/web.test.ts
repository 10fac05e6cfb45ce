import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFetchUrl, createWebFetchTool, createWebSearchTool, isPrivateAddress } from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/page') {
      res.setHeader('content-type', 'text/html');
      res.end(
        '<html><head><script>evil()</script></head><body><h1>Title</h1><p>Hello <b>world</b></p></body></html>',
      );
    } else if (req.url === '/loop') {
      res.statusCode = 302;
      res.setHeader('location', '/loop');
      res.end();
    } else if (req.url === '/to-file') {
      res.statusCode = 301;
      res.setHeader('location', 'file:///etc/passwd');
      res.end();
    } else if (req.url === '/hop') {
      res.statusCode = 302;
      res.setHeader('location', '/page');
      res.end();
    } else if (req.url === '/big') {
      res.setHeader('content-type', 'text/plain');
      res.end('x'.repeat(6 * 1024 * 1024));
    } else {
      res.statusCode = 404;
      res.end('nope');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const localFetch = createWebFetchTool({ allowPrivateHosts: true, plainHttpHosts: ['127.0.0.1'] });

describe('WebFetch', () => {
  it('converts HTML to markdown, following redirects', async () => {
    const ctx = makeContext(await tempDir());
    const result = await run(localFetch, { url: `${base}/hop`, prompt: 'what is the title?' }, ctx);
    expect(result.isError, text(result)).toBeFalsy();
    expect(text(result)).toContain('# Title');
    expect(text(result)).toContain('Hello **world**');
    expect(text(result)).not.toContain('evil()');
    expect(text(result)).toContain('what is the title?');
  });

  it('limits redirects and re-checks each hop', async () => {
    const ctx = makeContext(await tempDir());
    expect(text(await run(localFetch, { url: `${base}/loop`, prompt: 'x' }, ctx))).toMatch(
      /Too many redirects/,
    );
    expect(text(await run(localFetch, { url: `${base}/to-file`, prompt: 'x' }, ctx))).toMatch(
      /Redirect to file:\/\/\/etc\/passwd refused/,
    );
    expect(text(await run(localFetch, { url: `${base}/missing`, prompt: 'x' }, ctx))).toMatch(/HTTP 404/);
  });

  it('caps the page size', async () => {
    const ctx = makeContext(await tempDir());
    const result = await run(
      createWebFetchTool({ allowPrivateHosts: true, plainHttpHosts: ['127.0.0.1'], maxOutputChars: 1000 }),
      { url: `${base}/big`, prompt: 'x' },
      ctx,
    );
    expect(text(result).length).toBeLessThan(1500);
  });

  it.each([
    ['http://127.0.0.1/', /private, loopback/],
    ['http://localhost:8080/', /local or internal/],
    ['http://169.254.169.254/latest/meta-data/', /private, loopback/],
    ['http://[::1]/', /private, loopback/],
    ['http://10.1.2.3/', /private, loopback/],
    ['http://172.20.0.1/', /private, loopback/],
    ['http://192.168.1.1/', /private, loopback/],
    ['http://0.0.0.0/', /private, loopback/],
    ['http://[fd00::1]/', /private, loopback/],
    ['http://[::ffff:127.0.0.1]/', /private, loopback/],
    ['file:///etc/passwd', /Only http and https/],
    ['ftp://example.com/', /Only http and https/],
    ['https://user:pw@example.com/', /credentials/],
    ['not a url', /Invalid URL/],
  ])('refuses %s', async (url, message) => {
    const result = await run(createWebFetchTool(), { url, prompt: 'x' }, makeContext(await tempDir()));
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(message);
  });

  it('refuses hostnames that resolve to private addresses (checked at connect time)', async () => {
    const tool = createWebFetchTool({ lookupHost: async () => [{ address: '10.0.0.5', family: 4 }] });
    const result = await run(
      tool,
      { url: 'https://innocent.example/', prompt: 'x' },
      makeContext(await tempDir()),
    );
    expect(text(result)).toMatch(/resolves to 10\.0\.0\.5/);
  });

  it('upgrades http to https unless the host is allowed plain http', () => {
    const upgraded = checkFetchUrl('http://example.com/a', {});
    expect(upgraded.ok && upgraded.url.href).toBe('https://example.com/a');
    const kept = checkFetchUrl('http://127.0.0.1:1/a', {
      allowPrivateHosts: true,
      plainHttpHosts: ['127.0.0.1'],
    });
    expect(kept.ok && kept.url.protocol).toBe('http:');
  });

  it.each([
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['2606:4700::1111', false],
    ['127.0.0.53', true],
    ['::1', true],
    ['fe80::1', true],
    ['100.64.0.1', true],
  ])('isPrivateAddress(%s) → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('WebSearch', () => {
  it('explains when no endpoint is configured', async () => {
    const result = await run(createWebSearchTool(), { query: 'claw' }, makeContext(await tempDir()));
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/not configured/);
  });

  it('POSTs the query and filters domains', async () => {
    const requests: unknown[] = [];
    const fakeFetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      requests.push(JSON.parse(String(init?.body)));
      return new Response(
        JSON.stringify({
          results: [
            { title: 'Docs', url: 'https://docs.example.com/a', snippet: 'the docs' },
            { title: 'Spam', url: 'https://spam.test/b', snippet: 'buy' },
          ],
        }),
      );
    }) as typeof fetch;
    const tool = createWebSearchTool({ webSearchEndpoint: 'https://search.local/api', fetch: fakeFetch });
    const result = await run(
      tool,
      { query: 'claw tools', blocked_domains: ['spam.test'] },
      makeContext(await tempDir()),
    );
    expect(text(result)).toContain('[Docs](https://docs.example.com/a)');
    expect(text(result)).not.toContain('spam.test');
    expect(requests[0]).toMatchObject({ query: 'claw tools', blocked_domains: ['spam.test'] });
  });
});
