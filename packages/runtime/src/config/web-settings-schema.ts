import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Settings of the web tools. Both keys need a trusted workspace in project files (settings-trust-gate.ts):
 * `webSearch` chooses where queries and API keys go, `webFetch` opens the private network to WebFetch.
 */

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/i;

/** An exact host name, an IP address, or a CIDR range; wildcards are refused so an entry never matches more than it says. */
function isPrivateHostEntry(raw: string): boolean {
  const entry = raw.trim().replace(/\.$/, '');
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family !== 0) {
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  }
  return prefix === undefined && HOST_NAME.test(entry);
}

export const PrivateHostEntrySchema = z
  .string()
  .refine(
    isPrivateHostEntry,
    'expected a host name (intranet.example), an IP address or a CIDR range (10.0.0.0/8)',
  );

export const WebFetchSchema = z.strictObject({
  /** Private hosts WebFetch may reach: exact names and addresses / CIDR ranges. */
  allowPrivateHosts: z.array(PrivateHostEntrySchema).optional(),
});

export const WEB_SEARCH_PROVIDERS = ['custom', 'searxng', 'brave'] as const;

export const WebSearchSchema = z.looseObject({
  provider: z.enum(WEB_SEARCH_PROVIDERS).optional(),
  endpoint: z.url().optional(),
  /** Sent with every search request; `${VAR}` / `${VAR:-default}` expand from the environment. */
  headers: z.record(z.string(), z.string()).optional(),
});
