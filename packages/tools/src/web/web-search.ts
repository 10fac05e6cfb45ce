import { z } from 'zod';
import type { BuiltinToolDeps } from '../deps.js';
import type { Tool } from '../tool.js';
import { describeError, errorResult, textResult } from '../tool-result.js';
import { SEARCH_ADAPTERS, type SearchHit } from './search-adapters.js';

const webSearchInput = z.strictObject({
  query: z.string().min(2).describe('The search query.'),
  allowed_domains: z.array(z.string()).optional().describe('Only include results from these domains.'),
  blocked_domains: z.array(z.string()).optional().describe('Never include results from these domains.'),
});
export type WebSearchInput = z.infer<typeof webSearchInput>;

const MAX_RESULTS = 10;
const SEARCH_TIMEOUT_MS = 20_000;

export function createWebSearchTool(deps: BuiltinToolDeps = {}): Tool<WebSearchInput> {
  const adapter = SEARCH_ADAPTERS[deps.webSearchProvider ?? 'custom'];
  return {
    name: 'WebSearch',
    aliases: ['web_search'],
    description:
      'Searches the web and returns result titles, URLs and snippets. Use it for current information beyond your training data. Cite the URLs you use. allowed_domains / blocked_domains filter results by domain.',
    inputSchema: webSearchInput,
    permission: 'danger-full-access',
    concurrencySafe: true,
    ruleSubject: (input) => input.query,
    summarize: (input) => `WebSearch(${input.query})`,
    async execute(input, ctx) {
      if (deps.webSearchProblem) return errorResult(`WebSearch cannot run: ${deps.webSearchProblem}`);
      const endpoint = deps.webSearchEndpoint ?? adapter.defaultEndpoint;
      if (!endpoint) {
        return errorResult(
          'WebSearch is not configured: no search endpoint is set. Ask the user to configure one (settings webSearch.provider "searxng", "brave" or "custom" with webSearch.endpoint), or use WebFetch on a known URL.',
        );
      }
      const headers = deps.webSearchHeaders ?? {};
      const required = adapter.requiredHeader;
      if (
        required &&
        !Object.keys(headers).some((name) => name.toLowerCase() === required.name.toLowerCase())
      ) {
        return errorResult(
          `WebSearch is not configured: the search service needs a ${required.name} header; ${required.hint}.`,
        );
      }
      const request = adapter.request(endpoint, {
        query: input.query,
        allowedDomains: input.allowed_domains ?? [],
        blockedDomains: input.blocked_domains ?? [],
        maxResults: MAX_RESULTS,
      });
      const doFetch = deps.fetch ?? fetch;
      let json: unknown;
      try {
        const response = await doFetch(request.url, {
          ...request.init,
          headers: {
            accept: 'application/json',
            ...(request.init.headers as Record<string, string>),
            ...headers,
          },
          signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(SEARCH_TIMEOUT_MS)]),
        });
        if (!response.ok) {
          const auth =
            response.status === 401 || response.status === 403
              ? ' Check the API key in webSearch.headers.'
              : '';
          return errorResult(`The search endpoint answered HTTP ${response.status}.${auth}`);
        }
        json = await response.json();
      } catch (error) {
        return errorResult(`The search failed: ${describeError(error)}`);
      }
      const hits = adapter.parse(json);
      if (!hits)
        return errorResult(
          `The search endpoint answered with an unexpected shape (expected ${adapter.expectedShape}).`,
        );
      return formatResults(input, hits);
    },
  };
}

function formatResults(input: WebSearchInput, hits: SearchHit[]) {
  const results = hits
    .filter((result) => domainAllowed(result.url, input.allowed_domains, input.blocked_domains))
    .slice(0, MAX_RESULTS);
  if (results.length === 0)
    return textResult(`No results for "${input.query}".`, { kind: 'text', text: 'No results' });
  const lines = results.map(
    (result, index) =>
      `${index + 1}. [${result.title}](${result.url})${result.snippet ? `\n   ${result.snippet.trim()}` : ''}`,
  );
  const text = `Web search results for "${input.query}":\n\n${lines.join('\n\n')}`;
  return textResult(text, { kind: 'text', text: results.map((result) => result.url).join('\n') });
}

function hostMatches(host: string, domain: string): boolean {
  const wanted = domain.toLowerCase().replace(/^\*?\./, '');
  return host === wanted || host.endsWith(`.${wanted}`);
}

/** The endpoint may not filter by domain; filtering again here makes the rule hold regardless. */
function domainAllowed(url: string, allowed: string[] | undefined, blocked: string[] | undefined): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (blocked?.some((domain) => hostMatches(host, domain))) return false;
  if (allowed && allowed.length > 0) return allowed.some((domain) => hostMatches(host, domain));
  return true;
}
