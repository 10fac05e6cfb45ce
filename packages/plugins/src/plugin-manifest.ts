import { z } from 'zod';

const pathOrPaths = z.union([z.string(), z.array(z.string())]);

/** A tool a plugin runs as a subprocess (claw-code's plugin tools): JSON input on stdin, result on stdout. */
export const PluginToolSchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names may use letters, digits, "_" and "-" (max 64)'),
  description: z.string().min(1),
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  /** claw-code spelling of `inputSchema`. */
  input_schema: z.record(z.string(), z.unknown()).optional(),
  command: z.string().min(1),
  /** With args the command runs without a shell. */
  args: z.array(z.string()).optional(),
  requiredPermission: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
  /** Timeout in ms (default 60 s). */
  timeout: z.number().int().positive().optional(),
});
export type PluginToolDefinition = z.infer<typeof PluginToolSchema>;

/** `.claude-plugin/plugin.json` (Claude Code's fields, plus claw's `tools`). */
export const PluginManifestSchema = z.looseObject({
  name: z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'plugin names may use letters, digits, "_", "-" and "."'),
  version: z.string().optional(),
  description: z.string().optional(),
  author: z.union([z.string(), z.looseObject({ name: z.string().optional() })]).optional(),
  homepage: z.string().optional(),
  repository: z.unknown().optional(),
  license: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  /** Extra command/agent/skill paths, relative to the plugin root, in addition to the default dirs. */
  commands: pathOrPaths.optional(),
  agents: pathOrPaths.optional(),
  skills: pathOrPaths.optional(),
  /** A path to a hooks JSON file, or the hooks object itself. */
  hooks: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  /** A path to an MCP config file, or the `mcpServers` object itself. */
  mcpServers: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  tools: z.array(PluginToolSchema).optional(),
});
export type PluginManifest = z.infer<typeof PluginManifestSchema>;

/** One plugin listed in a marketplace. */
export const MarketplaceEntrySchema = z.looseObject({
  name: z.string().min(1),
  /** A path relative to the marketplace root (`./plugins/foo`), or a `{ source, ... }` object for remotes. */
  source: z.union([z.string(), z.looseObject({ source: z.string() })]),
  description: z.string().optional(),
  version: z.string().optional(),
  /** `false`: the entry itself is the manifest when the plugin has no plugin.json. */
  strict: z.boolean().optional(),
});

/** `.claude-plugin/marketplace.json`. */
export const MarketplaceSchema = z.looseObject({
  name: z.string().min(1),
  owner: z.unknown().optional(),
  plugins: z.array(MarketplaceEntrySchema),
});
export type Marketplace = z.infer<typeof MarketplaceSchema>;

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Replaces `${CLAUDE_PLUGIN_ROOT}` (and claw's `${CLAW_PLUGIN_ROOT}`) in every string of a JSON value. */
export function expandPluginRoot<T>(value: T, root: string): T {
  if (typeof value === 'string') {
    return value.replace(/\$\{(?:CLAUDE|CLAW)_PLUGIN_ROOT\}/g, root) as T;
  }
  if (Array.isArray(value)) return value.map((item) => expandPluginRoot(item, root)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandPluginRoot(v, root)])) as T;
  }
  return value;
}
