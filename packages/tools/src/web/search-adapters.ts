import { z } from 'zod';
import type { WebSearchProvider } from '../deps.js';

export interface SearchHit {
  title: string;
  url: string;
  snippet?: string;
}

export interface SearchQuery {
  query: string;
  allowedDomains: string[];
  blockedDomains: string[];
  maxResults: number;
}

/** How one search service is asked and how its answer is read. */
export interface SearchAdapter {
  /** Used when settings give no endpoint; undefined means one is required. */
  defaultEndpoint?: string;
  /** A header the service cannot work without (checked case-insensitively), with how to set it. */
  requiredHeader?: { name: string; hint: string };
  request(endpoint: string, query: SearchQuery): { url: string; init: RequestInit };
  /** The hits, or undefined when the answer has an unexpected shape. */
  parse(json: unknown): SearchHit[] | undefined;
  /** The shape `parse` expects, for the error message. */
  expectedShape: string;
}

/** claw's own protocol: a JSON POST answered by `{"results":[{"title","url","snippet"}]}`. */
const customResponse = z.object({
  results: z.array(
    z.object({
      title: z.string(),
      url: z.string(),
      snippet: z.string().optional(),
      content: z.string().optional(),
    }),
  ),
});

const customAdapter: SearchAdapter = {
  request: (endpoint, query) => ({
    url: endpoint,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: query.query,
        allowed_domains: query.allowedDomains,
        blocked_domains: query.blockedDomains,
        max_results: query.maxResults,
      }),
    },
  }),
  parse: (json) =>
    customResponse.safeParse(json).data?.results.map((hit) => ({
      title: hit.title,
      url: hit.url,
      snippet: hit.snippet ?? hit.content,
    })),
  expectedShape: '{"results":[{"title","url","snippet"}]}',
};

/** SearXNG's JSON API (the instance must have `json` in `search.formats`). */
const searxngResponse = z.object({
  results: z.array(z.object({ title: z.string(), url: z.string(), content: z.string().optional() })),
});

const searxngAdapter: SearchAdapter = {
  request: (endpoint, query) => {
    const url = new URL(endpoint);
    // The instance's base URL is enough; `/search` is added unless the setting already names it.
    const path = url.pathname.replace(/\/+$/, '');
    url.pathname = path.endsWith('/search') ? path : `${path}/search`;
    url.searchParams.set('q', query.query);
    url.searchParams.set('format', 'json');
    return { url: url.href, init: { method: 'GET' } };
  },
  parse: (json) =>
    searxngResponse
      .safeParse(json)
      .data?.results.map((hit) => ({ title: hit.title, url: hit.url, snippet: hit.content })),
  expectedShape:
    'SearXNG JSON {"results":[{"title","url","content"}]} (is `json` enabled in search.formats?)',
};

/** Brave Search API, web results. */
const braveResponse = z.object({
  web: z
    .object({
      results: z.array(z.object({ title: z.string(), url: z.string(), description: z.string().optional() })),
    })
    .optional(),
});

/** Brave marks query words with <strong>; the model gets plain text. */
function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export const BRAVE_SEARCH_ENDPOINT = 'https://api.search.brave.com/res/v1/web/search';

const braveAdapter: SearchAdapter = {
  defaultEndpoint: BRAVE_SEARCH_ENDPOINT,
  requiredHeader: {
    name: 'X-Subscription-Token',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the settings syntax the user types, not a template.
    hint: 'set settings webSearch.headers to {"X-Subscription-Token": "${BRAVE_API_KEY}"} and export BRAVE_API_KEY',
  },
  request: (endpoint, query) => {
    const url = new URL(endpoint);
    url.searchParams.set('q', query.query);
    url.searchParams.set('count', String(Math.min(query.maxResults, 20)));
    return { url: url.href, init: { method: 'GET' } };
  },
  parse: (json) => {
    const parsed = braveResponse.safeParse(json);
    if (!parsed.success) return undefined;
    return (parsed.data.web?.results ?? []).map((hit) => ({
      title: stripTags(hit.title),
      url: hit.url,
      ...(hit.description ? { snippet: stripTags(hit.description) } : {}),
    }));
  },
  expectedShape: 'Brave Search {"web":{"results":[{"title","url","description"}]}}',
};

export const SEARCH_ADAPTERS: Readonly<Record<WebSearchProvider, SearchAdapter>> = {
  custom: customAdapter,
  searxng: searxngAdapter,
  brave: braveAdapter,
};
