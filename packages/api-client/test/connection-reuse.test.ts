import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAnthropicProvider,
  createOpenAICompatibleProvider,
  type ProviderKind,
  type StreamEvent,
} from '../src/index.js';
import { textReply } from './helpers/anthropic-events.js';
import { dataOnly } from './helpers/fake-fetch.js';
import { listen } from './helpers/forward-proxy.js';
import { PROVIDER_KINDS } from './helpers/mock-providers.js';

const OPENAI_REPLY = [
  dataOnly({
    id: 'c1',
    model: 'gpt-4o',
    choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: null }],
  }),
  dataOnly({ id: 'c1', model: 'gpt-4o', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
  dataOnly('[DONE]'),
];

/**
 * A server that, like a real API behind a load balancer, ends the body a moment after the last event. A
 * client that aborts as soon as it has the final event destroys the keep-alive socket; one that reads the
 * body to its end keeps it for the next request.
 */
let server: Server;
let url = '';
let connections = 0;
let cutShort = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_reuse' });
      res.write((req.url?.endsWith('/chat/completions') ? OPENAI_REPLY : textReply('ok')).join(''));
      const end = setTimeout(() => res.end(), 50);
      res.on('close', () => {
        clearTimeout(end);
        if (!res.writableFinished) cutShort += 1;
      });
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  url = await listen(server);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  server.closeAllConnections();
  connections = 0;
  cutShort = 0;
});

function provider(kind: ProviderKind) {
  return kind === 'anthropic'
    ? createAnthropicProvider({ apiKey: 'k', baseURL: url, env: {} })
    : createOpenAICompatibleProvider({ apiKey: 'k', baseURL: `${url}/v1`, env: {} });
}

describe.each(PROVIDER_KINDS)('%s: keep-alive', (kind) => {
  it('reads each body to its end, so sequential requests reuse their connections', async () => {
    const client = provider(kind);
    const model = kind === 'anthropic' ? 'claude-sonnet-5-5' : 'gpt-4o';
    for (let i = 0; i < 6; i++) {
      const events: StreamEvent[] = [];
      const stream = client.stream({
        model,
        maxTokens: 64,
        messages: [{ role: 'user', content: [{ type: 'text', text: `turn ${i}` }] }],
      });
      for await (const event of stream) events.push(event);
      expect(events.at(-1)).toMatchObject({ type: 'message_stop', message: { stopReason: 'end_turn' } });
    }
    expect(cutShort).toBe(0);
    // undici may open a second socket for a request sent the moment the previous body ends; what must not
    // happen is a new connection (and, over TLS, a new handshake) for every request.
    expect(connections).toBeLessThanOrEqual(2);
  });
});
