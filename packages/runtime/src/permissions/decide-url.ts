import { byMode, byRule, type PermissionDecision } from './decision.js';
import type { PermissionLevel, PermissionMode } from './mode.js';
import type { CompiledRule } from './rule-set.js';
import { matchDomain } from './rules.js';

/**
 * Cloud metadata endpoints hand out instance credentials to anything that can reach them, so fetching
 * them asks even in danger-full-access, unless an allow rule names that exact host.
 */
export function metadataHostReason(host: string): string | undefined {
  // `metadata.google.internal.` (a fully qualified name) resolves to the same address as without the dot.
  const h = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase();
  if (/^169\.254\.\d+\.\d+$/.test(h)) return `${host} is a link-local address (cloud instance metadata)`;
  if (h === '100.100.100.200' || h === 'fd00:ec2::254' || h === '::ffff:a9fe:a9fe') {
    return `${host} is a cloud instance metadata address`;
  }
  if (h === 'metadata' || h === 'metadata.google.internal' || h.endsWith('.metadata.google.internal')) {
    return `${host} is a cloud instance metadata host`;
  }
  return undefined;
}

/** The host a URL points at; WHATWG parsing also normalises tricks like `http://2852039166/`. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

export function decideUrl(
  tool: string,
  url: string | undefined,
  required: PermissionLevel,
  rules: readonly CompiledRule[],
  mode: PermissionMode,
): PermissionDecision {
  const what = `${tool}(${url ?? ''})`;
  const host = url === undefined ? undefined : hostOf(url);
  const find = (behavior: CompiledRule['behavior']): CompiledRule | undefined =>
    rules.find(
      (rule) =>
        rule.behavior === behavior &&
        (rule.matcher.kind === 'any' ||
          (rule.matcher.kind === 'domain' && host !== undefined && matchDomain(rule.matcher.domain, host))),
    );
  const deny = find('deny');
  if (deny) return byRule('deny', deny, what);
  const ask = find('ask');
  if (ask) return byRule('ask', ask, what);
  const metadata = host === undefined ? undefined : metadataHostReason(host);
  if (metadata !== undefined) {
    const explicit = rules.find(
      (rule) => rule.behavior === 'allow' && rule.matcher.kind === 'domain' && rule.matcher.domain === host,
    );
    return explicit ? byRule('allow', explicit, what) : { behavior: 'ask', reason: `${what}: ${metadata}` };
  }
  const allow = find('allow');
  if (allow) return byRule('allow', allow, what);
  return byMode(mode, required, what, host === undefined ? 'the URL does not parse' : undefined);
}
