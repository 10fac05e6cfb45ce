import { z } from 'zod';
import type { HooksConfig } from '../hooks/hook-config.js';
import { WebFetchSchema, WebSearchSchema } from './web-settings-schema.js';

/**
 * The settings file format. Keys are Claude Code's where Claude Code has one (so `.claude/settings.json`
 * keeps working) plus claw's own. Each top-level key has its own schema because loading validates key by key:
 * a bad `retry` must not take `permissions` down with it.
 */

/** Claude Code's mode names are accepted next to claw's. */
export const PermissionModeSchema = z.enum([
  'read-only',
  'workspace-write',
  'danger-full-access',
  'prompt',
  'default',
  'plan',
  'acceptEdits',
  'bypassPermissions',
]);
export type PermissionModeSetting = z.infer<typeof PermissionModeSchema>;

/** `Tool`, `Tool(specifier)` or `mcp__server__tool`; the specifier is checked by the permission engine. */
export const PERMISSION_RULE_PATTERN = /^[A-Za-z0-9_*-]+(\([\s\S]*\))?$/;
export const PermissionRuleSchema = z
  .string()
  .min(1, 'empty rule')
  .regex(PERMISSION_RULE_PATTERN, 'expected `Tool` or `Tool(specifier)`');

export const PermissionsSchema = z.looseObject({
  allow: z.array(PermissionRuleSchema).optional(),
  ask: z.array(PermissionRuleSchema).optional(),
  deny: z.array(PermissionRuleSchema).optional(),
  defaultMode: PermissionModeSchema.optional(),
  additionalDirectories: z.array(z.string().min(1)).optional(),
  disableBypassPermissionsMode: z.literal('disable').optional(),
});

const StringMap = z.record(z.string(), z.string());

export const McpServerSchema = z.union([
  z.looseObject({
    type: z.literal('stdio').optional(),
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: StringMap.optional(),
    cwd: z.string().optional(),
    timeout: z.number().positive().optional(),
  }),
  z.looseObject({
    type: z.enum(['http', 'sse', 'streamable-http']),
    url: z.string().min(1),
    headers: StringMap.optional(),
    timeout: z.number().positive().optional(),
  }),
]);
export type McpServerSetting = z.infer<typeof McpServerSchema>;

export const SandboxSchema = z.looseObject({
  enabled: z.boolean().optional(),
  failIfUnavailable: z.boolean().optional(),
  network: z.looseObject({ allowedDomains: z.array(z.string().min(1)).optional() }).optional(),
});

export const OAuthSchema = z.looseObject({
  clientId: z.string().min(1).optional(),
  authorizeUrl: z.string().min(1).optional(),
  tokenUrl: z.string().min(1).optional(),
  scopes: z.array(z.string()).optional(),
  callbackPort: z.number().int().min(0).max(65535).optional(),
});

export const RetrySchema = z.strictObject({
  maxRetries: z.number().int().min(0).max(100).optional(),
  maxElapsedMs: z.number().int().min(0).optional(),
});

export const AutoCompactSchema = z.strictObject({
  enabled: z.boolean().optional(),
  threshold: z.number().gt(0).max(1).optional(),
  tokens: z.number().int().positive().optional(),
});

export const StatusLineSchema = z.looseObject({
  type: z.literal('command'),
  command: z.string().min(1),
  padding: z.number().int().min(0).optional(),
});

/**
 * Schemas of every known top-level key except `hooks`, whose entries are validated one by one by the hooks
 * module (see `validateHooksConfig`). `permissions` and `mcpServers` are also validated entry by entry.
 */
export const settingsKeySchemas = {
  $schema: z.string(),
  model: z.string().min(1),
  aliases: StringMap,
  permissions: PermissionsSchema,
  env: StringMap,
  mcpServers: z.record(z.string(), McpServerSchema),
  enableAllProjectMcpServers: z.boolean(),
  enabledMcpjsonServers: z.array(z.string()),
  disabledMcpjsonServers: z.array(z.string()),
  sandbox: SandboxSchema,
  apiKeyHelper: z.string().min(1),
  oauth: OAuthSchema,
  retry: RetrySchema,
  autoCompact: AutoCompactSchema,
  toolOutputMaxChars: z.number().int().positive(),
  anthropicBeta: z.array(z.string().min(1)),
  outputStyle: z.string().min(1),
  includeCoAuthoredBy: z.boolean(),
  /** Local plugin directories to load. */
  plugins: z.array(z.string().min(1)),
  /** `name` or `name@marketplace` → on/off, as Claude Code. */
  enabledPlugins: z.record(z.string(), z.boolean()),
  webSearch: WebSearchSchema,
  webFetch: WebFetchSchema,
  /** Extra environment variable names (or `PREFIX_*`) passed to child processes. */
  childEnvAllow: z.array(z.string().min(1)),
  statusLine: StatusLineSchema,
  disableAllHooks: z.boolean(),
  cleanupPeriodDays: z.number().int().min(0),
  /** Claude Code's: extended thinking on for every request (budget: MAX_THINKING_TOKENS or the default). */
  alwaysThinkingEnabled: z.boolean(),
} as const;

export type KnownSettingsKey = keyof typeof settingsKeySchemas | 'hooks';

/**
 * Claude Code keys claw reads no meaning from but accepts silently, so a shared `.claude/settings.json`
 * produces no warnings.
 */
export const IGNORED_COMPAT_KEYS: ReadonlySet<string> = new Set([
  'forceLoginMethod',
  'forceLoginOrgUUID',
  'spinnerTipsEnabled',
  'awsAuthRefresh',
  'awsCredentialExport',
  'otelHeadersHelper',
  'companyAnnouncements',
  'theme',
  'feedbackSurveyState',
  'extraKnownMarketplaces',
]);

type KeySchemas = typeof settingsKeySchemas;

/** Settings after loading: every known key typed, unknown keys passed through. */
export type Settings = { -readonly [K in keyof KeySchemas]?: z.infer<KeySchemas[K]> } & {
  hooks?: HooksConfig;
  [key: string]: unknown;
};
