import { type ClawProvider, createHttpFetch, type Usage } from '@claw/api-client';
import type { BuiltinToolDeps } from '@claw/tools';
import type { Settings } from '../config/index.js';
import { createWebContentProcessor } from './web-content-processor.js';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * `${VAR}` and `${VAR:-default}` in search headers, as in `.mcp.json`, so API keys stay out of settings
 * files. A variable that is unset (without a default) is reported, not sent as an empty key.
 */
export function expandHeaderValues(
  headers: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): { headers: Record<string, string>; missing: string[] } {
  const missing: string[] = [];
  const expanded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    expanded[name] = raw.replace(VARIABLE, (_match, variable: string, fallback: string | undefined) => {
      const value = env[variable];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      missing.push(variable);
      return '';
    });
  }
  return { headers: expanded, missing: [...new Set(missing)] };
}

/**
 * What WebFetch and WebSearch take from settings and the environment. `env` is the process environment with
 * settings `env` on top (as for the provider), so a proxy or an API key set there applies too.
 */
export function webToolDeps(input: {
  settings: Settings;
  env: NodeJS.ProcessEnv;
  /** The session's provider; WebFetch's prompt goes to its small model. */
  provider?: ClawProvider;
  /** Where the small model's usage is counted (the session's meter). */
  onModelUsage?: (usage: Usage, model: string) => void;
}): Partial<BuiltinToolDeps> {
  const { settings, env } = input;
  const deps: Partial<BuiltinToolDeps> = { proxyEnv: env };
  const allowPrivateHosts = settings.webFetch?.allowPrivateHosts;
  if (allowPrivateHosts && allowPrivateHosts.length > 0) deps.allowPrivateHosts = allowPrivateHosts;
  if (input.provider)
    deps.processWebContent = createWebContentProcessor(input.provider, env, input.onModelUsage);

  const search = settings.webSearch;
  if (search) {
    if (search.provider) deps.webSearchProvider = search.provider;
    if (search.endpoint) deps.webSearchEndpoint = search.endpoint;
    if (search.headers) {
      const expanded = expandHeaderValues(search.headers, env);
      deps.webSearchHeaders = expanded.headers;
      if (expanded.missing.length > 0)
        deps.webSearchProblem = `settings webSearch.headers use ${expanded.missing.map((name) => `\${${name}}`).join(', ')}, which ${expanded.missing.length === 1 ? 'is' : 'are'} not set in the environment`;
    }
    // Node's fetch ignores HTTPS_PROXY; the API client's fetch honours it (undici loads only when needed).
    deps.fetch = createHttpFetch({ env }) as typeof fetch;
  }
  return deps;
}
