import { z } from 'zod';

/** Tokens from `claw login`. Times are Unix epoch milliseconds. */
export const storedOAuthTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** When the access token stops working; absent when the server did not say (`expires_in` missing). */
  expiresAt: z.number().int().optional(),
  scopes: z.array(z.string()).default([]),
  tokenType: z.string().default('Bearer'),
  /** Endpoint and client the tokens came from, so refresh goes back to the same server. */
  tokenUrl: z.string().optional(),
  clientId: z.string().optional(),
  obtainedAt: z.number().int(),
});
export type StoredOAuthTokens = z.infer<typeof storedOAuthTokensSchema>;

export const storedApiKeySchema = z.object({
  key: z.string().min(1),
  savedAt: z.number().int(),
});
export type StoredApiKey = z.infer<typeof storedApiKeySchema>;

/**
 * `<configHome>/credentials.json`, mode 0600. Unknown top-level keys are kept (`loose`) so a newer claw's
 * additions survive an older claw's rewrite.
 */
export const credentialsFileSchema = z.looseObject({
  version: z.literal(1).default(1),
  oauth: storedOAuthTokensSchema.optional(),
  apiKey: storedApiKeySchema.optional(),
});
export type CredentialsFile = z.infer<typeof credentialsFileSchema>;

export function emptyCredentialsFile(): CredentialsFile {
  return { version: 1 };
}
