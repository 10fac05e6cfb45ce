import { isIP } from 'node:net';
import { z } from 'zod';
import type { BuiltinToolDeps } from '../deps.js';
import { capToolOutput, DEFAULT_MAX_OUTPUT_CHARS } from '../output-cap.js';
import type { Tool } from '../tool.js';
import { describeError, errorResult, textResult } from '../tool-result.js';
import { isPrivateAddress } from './address-guard.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import { privateHostAllowance } from './private-host-allowance.js';

export const WEB_FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const WEB_FETCH_TIMEOUT_MS = 30_000;
export const WEB_FETCH_MAX_REDIRECTS = 10;

const webFetchInput = z.strictObject({
  url: z.string().describe('The http(s) URL to fetch; http is upgraded to https.'),
  prompt: z.string().describe('What to extract or answer from the page.'),
});
export type WebFetchInput = z.infer<typeof webFetchInput>;

const DESCRIPTION = `Fetches a URL and returns its content as markdown (HTML is converted), with your prompt for what to look for.
- Only http(s) URLs; http is upgraded to https. Local, private and cloud-metadata addresses are refused unless the user's settings allow them.
- Redirects are followed (at most ${WEB_FETCH_MAX_REDIRECTS}), each hop checked again. Pages are cut at ${WEB_FETCH_MAX_BYTES / 1024 / 1024} MB, requests at ${WEB_FETCH_TIMEOUT_MS / 1000}s.
- Read-only: it never posts data. Prefer an MCP-provided fetch tool when one is available.`;

export function createWebFetchTool(deps: BuiltinToolDeps = {}): Tool<WebFetchInput> {
  return {
    name: 'WebFetch',
    aliases: ['web_fetch'],
    description: DESCRIPTION,
    inputSchema: webFetchInput,
    permission: 'danger-full-access',
    concurrencySafe: true,
    ruleSubject: (input) => input.url,
    summarize: (input) => `WebFetch(${input.url})`,
    async execute(input, ctx) {
      const fetched = await fetchFollowingRedirects(input.url, ctx.signal, deps);
      if (!fetched.ok) return errorResult(fetched.message);
      const content = await toReadableText(fetched.contentType, fetched.body);
      const processed = await answerPrompt(content, input.prompt, fetched.url, ctx.signal, deps);
      const note = fetched.truncated ? `\n\n[Page cut at ${WEB_FETCH_MAX_BYTES} bytes.]` : '';
      const capped = await capToolOutput(processed + note, {
        maxChars: deps.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS,
        scratchDir: ctx.scratchDir,
        label: 'webfetch',
        headShare: 0.9,
      });
      return textResult(capped.text, {
        kind: 'text',
        text: `${fetched.status} ${fetched.url} (${fetched.body.length} bytes)`,
      });
    },
  };
}

/**
 * The page with the prompt applied: the injected processor (the runtime runs a small model over the page)
 * answers it; without one, or when it fails, the raw content goes back with the prompt restated, and a note
 * says why, so the calling model can still answer from the page itself.
 */
async function answerPrompt(
  content: string,
  prompt: string,
  url: string,
  signal: AbortSignal,
  deps: BuiltinToolDeps,
): Promise<string> {
  const raw = `URL: ${url}\nThe user's request about this page: ${prompt}\n\n${content}`;
  if (!deps.processWebContent) return raw;
  try {
    const answer = await deps.processWebContent(content, prompt, url, signal);
    if (answer.trim() !== '') return `URL: ${url}\n\n${answer}`;
    return `[The page could not be processed with the prompt (the model's answer was empty); its content follows as is.]\n\n${raw}`;
  } catch (error) {
    if (signal.aborted) throw error;
    return `[The page could not be processed with the prompt (${describeError(error)}); its content follows as is.]\n\n${raw}`;
  }
}

type FetchOutcome =
  | { ok: true; url: string; status: number; contentType: string; body: Buffer; truncated: boolean }
  | { ok: false; message: string };

/** Validates a URL (and every redirect target) before connecting to it. */
export function checkFetchUrl(
  raw: string,
  deps: Pick<BuiltinToolDeps, 'allowPrivateHosts' | 'plainHttpHosts'>,
): { ok: true; url: URL } | { ok: false; message: string } {
  const allowance = privateHostAllowance(deps.allowPrivateHosts);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `Invalid URL: ${raw}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `Only http and https URLs can be fetched, not ${url.protocol}` };
  }
  if (url.username || url.password) return { ok: false, message: 'URLs with credentials are refused.' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'http:' && !(deps.plainHttpHosts ?? []).includes(host)) url.protocol = 'https:';
  if (!allowance.allowsName(host)) {
    const lower = host.toLowerCase();
    if (
      lower === 'localhost' ||
      lower.endsWith('.localhost') ||
      lower.endsWith('.internal') ||
      lower === 'metadata.google.internal'
    ) {
      return { ok: false, message: `Refusing to fetch ${host}: it is a local or internal host.` };
    }
    if (isIP(host) !== 0 && isPrivateAddress(host) && !allowance.allowsAddress(host)) {
      return {
        ok: false,
        message: `Refusing to fetch ${host}: it is a private, loopback or link-local address.`,
      };
    }
  }
  return { ok: true, url };
}

async function fetchFollowingRedirects(
  raw: string,
  signal: AbortSignal,
  deps: BuiltinToolDeps,
): Promise<FetchOutcome> {
  let current = raw;
  for (let hop = 0; hop <= WEB_FETCH_MAX_REDIRECTS; hop++) {
    const checked = checkFetchUrl(current, deps);
    if (!checked.ok)
      return {
        ok: false,
        message: hop === 0 ? checked.message : `Redirect to ${current} refused: ${checked.message}`,
      };
    // node:http, node:https and zlib load on the first fetch, not with every start of claw.
    const { BlockedAddressError, httpGet } = await import('./http-get.js');
    let response: Awaited<ReturnType<typeof httpGet>>;
    try {
      response = await httpGet(checked.url, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(WEB_FETCH_TIMEOUT_MS)]),
        timeoutMs: WEB_FETCH_TIMEOUT_MS,
        maxBytes: WEB_FETCH_MAX_BYTES,
        allowance: privateHostAllowance(deps.allowPrivateHosts),
        proxyEnv: deps.proxyEnv ?? process.env,
        ...(deps.lookupHost ? { lookupHost: deps.lookupHost } : {}),
      });
    } catch (error) {
      if (error instanceof BlockedAddressError)
        return { ok: false, message: `Refusing to fetch ${checked.url.host}: ${error.message}.` };
      return { ok: false, message: fetchFailure(checked.url, error) };
    }
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, checked.url).href;
      continue;
    }
    if (response.status >= 400) {
      const snippet = response.body.subarray(0, 500).toString('utf8');
      return {
        ok: false,
        message: `${checked.url.href} answered HTTP ${response.status}.${snippet ? `\n${snippet}` : ''}`,
      };
    }
    const contentType = String(response.headers['content-type'] ?? '');
    return {
      ok: true,
      url: checked.url.href,
      status: response.status,
      contentType,
      body: response.body,
      truncated: response.truncated,
    };
  }
  return {
    ok: false,
    message: `Too many redirects (more than ${WEB_FETCH_MAX_REDIRECTS}) starting at ${raw}.`,
  };
}

/** The failure as the model sees it, with the hint a user needs when claw cannot resolve the host. */
function fetchFailure(url: URL, error: unknown): string {
  const message = `Fetching ${url.href} failed: ${describeError(error)}`;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `${message}\nclaw resolves every host itself (also behind a proxy) to refuse private addresses; this host does not resolve here.`;
  return message;
}

async function toReadableText(contentType: string, body: Buffer): Promise<string> {
  if (body.subarray(0, 4096).includes(0) && !contentType.startsWith('text/')) {
    return `[Binary content (${contentType || 'unknown type'}, ${body.length} bytes) not shown.]`;
  }
  const text = body.toString('utf8');
  if (contentType.includes('html') || (!contentType && /^\s*<(!doctype|html)/i.test(text)))
    return htmlToMarkdown(text);
  return text;
}
