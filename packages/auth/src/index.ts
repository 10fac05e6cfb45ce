export type { ApiKeyHelperOptions } from './api-key-helper.js';
export { ApiKeyHelperCache, getApiKeyFromHelper } from './api-key-helper.js';
export type { ApiKeyLoginOptions } from './api-key-login.js';
export { loginWithApiKey, validateApiKeyShape } from './api-key-login.js';
export type { ScrubChildEnvOptions } from './child-env.js';
export { isSecretEnvName, scrubChildEnv } from './child-env.js';
export { CREDENTIALS_FILE_NAME, credentialsPath, resolveConfigHome } from './config-home.js';
export type { CredentialKind, CredentialSource, ResolvedCredential } from './credential.js';
export { CREDENTIAL_SOURCE_ORDER, credentialHeaders, makeCredential } from './credential.js';
export type { CredentialProvider, CredentialProviderOptions } from './credential-provider.js';
export { createCredentialProvider } from './credential-provider.js';
export type {
  CredentialSourceStatus,
  CredentialStatusReport,
  DescribeCredentialSourcesOptions,
} from './credential-status.js';
export { describeCredentialSources } from './credential-status.js';
export type { CredentialsFile, StoredApiKey, StoredOAuthTokens } from './credentials-file.js';
export { credentialsFileSchema } from './credentials-file.js';
export type { AuthErrorReason } from './errors.js';
export { AuthError, isAuthError } from './errors.js';
export type { LogoutResult } from './logout.js';
export { logout } from './logout.js';
export { createMcpOAuthProvider, McpAuthRequiredError, startMcpOAuthLogin } from './mcp-oauth-provider.js';
export type { FetchLike } from './oauth-client.js';
export type { LoginResult, OAuthLoginOptions } from './oauth-flow.js';
export { loginWithOAuth, parsePastedCode } from './oauth-flow.js';
export { openUrlInBrowser, shouldOpenBrowser } from './open-url.js';
export type { PkcePair } from './pkce.js';
export { codeChallengeS256, createPkcePair } from './pkce.js';
export { redactSecret, redactSecretsInText } from './redact.js';
export type { RefreshOptions } from './refresh.js';
export { DEFAULT_REFRESH_SKEW_MS, refreshAfterUnauthorized, refreshStoredOAuthTokens } from './refresh.js';
export type { ResolveCredentialOptions } from './resolve.js';
export { resolveCredential } from './resolve.js';
export type { AuthSettings, OAuthConfig, OAuthSettings } from './settings.js';
export { authSettingsSchema, DEFAULT_OAUTH, oauthSettingsSchema, resolveOAuthConfig } from './settings.js';
export type { CredentialStore, FileCredentialStoreOptions } from './token-store.js';
export { createFileCredentialStore } from './token-store.js';
