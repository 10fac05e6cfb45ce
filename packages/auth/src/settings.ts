import { z } from 'zod';

/**
 * Defaults point at Anthropic's OAuth endpoints. There is no default client id: claw has no registered
 * OAuth client, and borrowing another product's id would impersonate it, so `oauth.clientId` must be set
 * in settings for `claw login` (API-key login works without it).
 */
export const DEFAULT_OAUTH = {
  authorizeUrl: 'https://claude.ai/oauth/authorize',
  tokenUrl: 'https://console.anthropic.com/v1/oauth/token',
  scopes: ['user:inference', 'user:profile'],
  redirectPath: '/callback',
  tokenRequestFormat: 'form',
} as const;

export const DEFAULT_API_KEY_HELPER_TTL_MS = 5 * 60_000;
export const DEFAULT_API_KEY_HELPER_TIMEOUT_MS = 10_000;

export const oauthSettingsSchema = z.object({
  authorizeUrl: z.url().optional(),
  tokenUrl: z.url().optional(),
  clientId: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).optional(),
  /** Path of the loopback callback, e.g. `/callback`. */
  redirectPath: z.string().startsWith('/').optional(),
  /**
   * Fixed port for the loopback callback, for servers that only accept a registered redirect URI. Default
   * (and 0): a random free port, as RFC 8252 §7.3 expects servers to allow.
   */
  callbackPort: z.number().int().min(0).max(65535).optional(),
  /** RFC 6749 says form-encoded; some servers (Anthropic's) take JSON. */
  tokenRequestFormat: z.enum(['form', 'json']).optional(),
});
export type OAuthSettings = z.infer<typeof oauthSettingsSchema>;

/** The settings keys this package reads; the runtime merges them into its settings schema. */
export const authSettingsSchema = z.object({
  apiKeyHelper: z.string().min(1).optional(),
  apiKeyHelperTtlMs: z.number().int().nonnegative().optional(),
  apiKeyHelperTimeoutMs: z.number().int().positive().optional(),
  oauth: oauthSettingsSchema.optional(),
});
export type AuthSettings = z.infer<typeof authSettingsSchema>;

export interface OAuthConfig {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string | undefined;
  scopes: string[];
  redirectPath: string;
  callbackPort: number;
  tokenRequestFormat: 'form' | 'json';
}

export function resolveOAuthConfig(settings: OAuthSettings | undefined = {}): OAuthConfig {
  return {
    authorizeUrl: settings.authorizeUrl ?? DEFAULT_OAUTH.authorizeUrl,
    tokenUrl: settings.tokenUrl ?? DEFAULT_OAUTH.tokenUrl,
    clientId: settings.clientId,
    scopes: settings.scopes ?? [...DEFAULT_OAUTH.scopes],
    redirectPath: settings.redirectPath ?? DEFAULT_OAUTH.redirectPath,
    callbackPort: settings.callbackPort ?? 0,
    tokenRequestFormat: settings.tokenRequestFormat ?? DEFAULT_OAUTH.tokenRequestFormat,
  };
}
