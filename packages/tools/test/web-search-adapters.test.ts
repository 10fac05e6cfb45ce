import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebSearchTool } from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

// One local server plays every search service; each path answers in that service's format.
let server: Server;
let base = '';
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      res.setHeader('content-type', 'application/json');
      if (path === '/searx/search') {
        res.end(
          JSON.stringify({
            query: 'q',
            results: [
              {
                title: 'SearXNG hit',
                url: 'https://docs.example.com/searx',
                content: 'from searx',
                engine: 'x',
              },
              { title: 'Blocked', url: 'https://spam.test/', content: 'spam' },
            ],
          }),
        );
      } else if (path === '/brave/res/v1/web/search') {
        if (req.headers['x-subscription-token'] !== 'brave-key') {
          res.writeHead(401).end('{"type":"ErrorResponse"}');
          return;
        }
        res.end(
          JSON.stringify({
            type: 'search',
            web: {
              results: [
                {
                  title: 'Brave <strong>hit</strong>',
                  url: 'https://brave.example/a',
                  description: 'a &amp; <strong>b</strong>',
                },
              ],
            },
          }),
        );
      } else if (path === '/brave-empty/res/v1/web/search') {
        res.end(JSON.stringify({ type: 'search' }));
      } else if (path === '/custom') {
        res.end(
          JSON.stringify({ results: [{ title: 'Custom', url: 'https://custom.example/', snippet: 's' }] }),
        );
      } else {
        res.end(JSON.stringify({ unexpected: true }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
});

async function search(deps: Parameters<typeof createWebSearchTool>[0], input: Record<string, unknown>) {
  return run(createWebSearchTool(deps), input, makeContext(await tempDir()));
}

describe('WebSearch adapters', () => {
  it('searxng: GET /search?q=…&format=json from the instance URL, results filtered by domain', async () => {
    const result = await search(
      {
        webSearchProvider: 'searxng',
        webSearchEndpoint: `${base}/searx`,
        webSearchHeaders: { authorization: 'Basic abc' },
      },
      { query: 'claw proxies', blocked_domains: ['spam.test'] },
    );
    expect(result.isError, text(result)).toBeFalsy();
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('GET');
    const url = new URL(received[0]?.url ?? '', base);
    expect(url.pathname).toBe('/searx/search');
    expect(url.searchParams.get('q')).toBe('claw proxies');
    expect(url.searchParams.get('format')).toBe('json');
    expect(received[0]?.headers.authorization).toBe('Basic abc');
    expect(text(result)).toContain('[SearXNG hit](https://docs.example.com/searx)\n   from searx');
    expect(text(result)).not.toContain('spam.test');
  });

  it('searxng: an endpoint that already ends in /search is used as is', async () => {
    await search(
      { webSearchProvider: 'searxng', webSearchEndpoint: `${base}/searx/search/` },
      { query: 'x y' },
    );
    expect(new URL(received[0]?.url ?? '', base).pathname).toBe('/searx/search');
  });

  it('brave: sends X-Subscription-Token and count, strips markup from results', async () => {
    const result = await search(
      {
        webSearchProvider: 'brave',
        webSearchEndpoint: `${base}/brave/res/v1/web/search`,
        webSearchHeaders: { 'X-Subscription-Token': 'brave-key' },
      },
      { query: 'claw' },
    );
    expect(result.isError, text(result)).toBeFalsy();
    const url = new URL(received[0]?.url ?? '', base);
    expect(url.searchParams.get('q')).toBe('claw');
    expect(url.searchParams.get('count')).toBe('10');
    expect(received[0]?.headers.accept).toBe('application/json');
    expect(text(result)).toContain('1. [Brave hit](https://brave.example/a)\n   a & b');
  });

  it('brave: a wrong key gets an HTTP 401 with a hint, a missing key is a configuration error', async () => {
    const wrong = await search(
      {
        webSearchProvider: 'brave',
        webSearchEndpoint: `${base}/brave/res/v1/web/search`,
        webSearchHeaders: { 'x-subscription-token': 'nope' },
      },
      { query: 'claw' },
    );
    expect(text(wrong)).toMatch(/HTTP 401\. Check the API key in webSearch\.headers/);
    const missing = await search(
      { webSearchProvider: 'brave', webSearchEndpoint: `${base}/brave` },
      { query: 'claw' },
    );
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/needs a X-Subscription-Token header/);
    expect(received).toHaveLength(1);
  });

  it('brave: an answer without web results is no results, not an error', async () => {
    const result = await search(
      {
        webSearchProvider: 'brave',
        webSearchEndpoint: `${base}/brave-empty/res/v1/web/search`,
        webSearchHeaders: { 'X-Subscription-Token': 'k' },
      },
      { query: 'nothing' },
    );
    expect(text(result)).toBe('No results for "nothing".');
  });

  it("custom: POSTs claw's JSON with the configured headers", async () => {
    const result = await search(
      {
        webSearchProvider: 'custom',
        webSearchEndpoint: `${base}/custom`,
        webSearchHeaders: { 'x-api-key': 'k1' },
      },
      { query: 'claw', allowed_domains: ['custom.example'] },
    );
    expect(text(result)).toContain('[Custom](https://custom.example/)');
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.headers['x-api-key']).toBe('k1');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      query: 'claw',
      allowed_domains: ['custom.example'],
      blocked_domains: [],
      max_results: 10,
    });
  });

  it.each([
    ['searxng', 'SearXNG JSON'],
    ['custom', '{"results"'],
  ] as const)(
    '%s: an answer of another shape is an error naming the expected one',
    async (provider, shape) => {
      const result = await search(
        { webSearchProvider: provider, webSearchEndpoint: `${base}/other` },
        { query: 'claw' },
      );
      expect(result.isError).toBe(true);
      expect(text(result)).toContain(shape);
    },
  );

  it('reports a configuration problem instead of searching', async () => {
    const result = await search(
      {
        webSearchProvider: 'searxng',
        webSearchEndpoint: `${base}/searx`,
        webSearchProblem: 'BRAVE_API_KEY is not set',
      },
      { query: 'claw' },
    );
    expect(text(result)).toMatch(/cannot run: BRAVE_API_KEY is not set/);
    expect(received).toEqual([]);
  });
});
