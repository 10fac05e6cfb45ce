import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  expandPluginRoot,
  formatIssues,
  type PluginManifest,
  PluginManifestSchema,
} from './plugin-manifest.js';
import { createPluginTool, type PluginTool } from './plugin-tool.js';
import type { DiscoveryIssue, PluginContentDir } from './sources.js';

/** Settings `hooks` shape (Claude Code): event name → matcher groups. Kept opaque; the runtime validates it. */
export type HooksConfig = Record<string, unknown[]>;

/** Everything one plugin brings, with `${CLAUDE_PLUGIN_ROOT}` already expanded. */
export interface LoadedPlugin {
  name: string;
  version?: string;
  description?: string;
  root: string;
  manifest: PluginManifest;
  commandDirs: PluginContentDir[];
  agentDirs: PluginContentDir[];
  skillDirs: PluginContentDir[];
  hooks: HooksConfig;
  /** `mcpServers` entries in Claude Code format; feed them to `validateMcpConfig` with source `plugin`. */
  mcpServers: Record<string, unknown>;
  tools: PluginTool[];
}

export const MANIFEST_PATH = join('.claude-plugin', 'plugin.json');

/** Reads and validates `.claude-plugin/plugin.json`. */
export async function readPluginManifest(
  root: string,
): Promise<{ ok: true; manifest: PluginManifest } | { ok: false; issue: DiscoveryIssue }> {
  const path = join(root, MANIFEST_PATH);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const message = `cannot read plugin manifest: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, issue: { path, message } };
  }
  const parsed = PluginManifestSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, manifest: parsed.data }
    : { ok: false, issue: { path, message: formatIssues(parsed.error) } };
}

/**
 * Loads a plugin directory: default `commands/`, `agents/`, `skills/` plus manifest paths, hooks from
 * `hooks/hooks.json` and/or the manifest, MCP servers from `.mcp.json` and/or the manifest, and tools.
 * Problems in one part are issues; the rest of the plugin still loads.
 */
export async function loadPlugin(root: string): Promise<{ plugin?: LoadedPlugin; issues: DiscoveryIssue[] }> {
  const absoluteRoot = resolve(root);
  const read = await readPluginManifest(absoluteRoot);
  if (!read.ok) return { issues: [read.issue] };
  const manifest = read.manifest;
  const issues: DiscoveryIssue[] = [];
  const name = manifest.name;
  const dirsFor = async (kind: 'commands' | 'agents' | 'skills'): Promise<PluginContentDir[]> => {
    const declared = manifest[kind];
    const paths = [kind, ...(declared === undefined ? [] : Array.isArray(declared) ? declared : [declared])];
    const dirs: PluginContentDir[] = [];
    for (const path of new Set(paths)) {
      const dir = insideRoot(absoluteRoot, path);
      if (!dir) {
        issues.push({
          path: join(absoluteRoot, MANIFEST_PATH),
          message: `${kind}: ${path} is outside the plugin`,
        });
        continue;
      }
      const kindOf = await entryKind(dir);
      if (kindOf === 'directory') dirs.push({ plugin: name, dir });
      // Claude Code accepts single Markdown files as `commands`/`agents` entries; skills are directories.
      else if (kindOf === 'file' && kind !== 'skills' && /\.md$/i.test(dir))
        dirs.push({ plugin: name, dir: dirname(dir), files: [basename(dir)] });
      else if (declared !== undefined && path !== kind)
        issues.push({ path: join(absoluteRoot, MANIFEST_PATH), message: `${kind}: ${path} was not found` });
    }
    return dirs;
  };

  const hooks: HooksConfig = {};
  const addHooks = (value: unknown, path: string) => {
    // hooks.json holds `{ "hooks": { Event: [...] } }`; plugin.json may inline the event map directly.
    const record = value as Record<string, unknown>;
    const events = typeof record?.hooks === 'object' && record.hooks !== null ? record.hooks : value;
    if (typeof events !== 'object' || events === null || Array.isArray(events)) {
      issues.push({ path, message: 'hooks must be an object of event → matcher groups' });
      return;
    }
    for (const [event, groups] of Object.entries(
      expandPluginRoot(events as Record<string, unknown>, absoluteRoot),
    )) {
      if (!Array.isArray(groups)) {
        issues.push({ path, message: `hooks.${event} must be an array` });
        continue;
      }
      hooks[event] = [...(hooks[event] ?? []), ...groups.map((group) => withPluginRoot(group, absoluteRoot))];
    }
  };
  const defaultHooks = join(absoluteRoot, 'hooks', 'hooks.json');
  const hooksFile = await readJson(defaultHooks, issues);
  if (hooksFile !== undefined) addHooks(hooksFile, defaultHooks);
  if (typeof manifest.hooks === 'string') {
    const path = insideRoot(absoluteRoot, manifest.hooks);
    const value = path && path !== defaultHooks ? await readJson(path, issues) : undefined;
    if (value !== undefined && path) addHooks(value, path);
  } else if (manifest.hooks) {
    addHooks(manifest.hooks, join(absoluteRoot, MANIFEST_PATH));
  }

  const mcpServers: Record<string, unknown> = {};
  const addServers = (value: unknown, path: string) => {
    const record = value as Record<string, unknown>;
    const servers =
      typeof record?.mcpServers === 'object' && record.mcpServers !== null ? record.mcpServers : value;
    if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) {
      issues.push({ path, message: 'mcpServers must be an object of name → entry' });
      return;
    }
    for (const [server, entry] of Object.entries(expandPluginRoot(servers, absoluteRoot)))
      mcpServers[server] = withPluginRootEnv(entry, absoluteRoot);
  };
  const defaultMcp = join(absoluteRoot, '.mcp.json');
  const mcpFile = await readJson(defaultMcp, issues);
  if (mcpFile !== undefined) addServers(mcpFile, defaultMcp);
  if (typeof manifest.mcpServers === 'string') {
    const path = insideRoot(absoluteRoot, manifest.mcpServers);
    const value = path && path !== defaultMcp ? await readJson(path, issues) : undefined;
    if (value !== undefined && path) addServers(value, path);
  } else if (manifest.mcpServers) {
    addServers(manifest.mcpServers, join(absoluteRoot, MANIFEST_PATH));
  }

  const tools = (manifest.tools ?? []).map((tool) =>
    createPluginTool(expandPluginRoot(tool, absoluteRoot), { name, root: absoluteRoot }),
  );

  return {
    plugin: {
      name,
      ...(manifest.version ? { version: manifest.version } : {}),
      ...(manifest.description ? { description: manifest.description } : {}),
      root: absoluteRoot,
      manifest,
      commandDirs: await dirsFor('commands'),
      agentDirs: await dirsFor('agents'),
      skillDirs: await dirsFor('skills'),
      hooks,
      mcpServers,
      tools,
    },
    issues,
  };
}

/** A manifest path resolved inside the plugin root; undefined when it escapes. */
function insideRoot(root: string, path: string): string | undefined {
  const full = resolve(root, path);
  const rel = relative(root, full);
  return rel.startsWith('..') || isAbsolute(rel) ? undefined : full;
}

async function entryKind(path: string): Promise<'directory' | 'file' | undefined> {
  return stat(path).then(
    (s) => (s.isDirectory() ? 'directory' : s.isFile() ? 'file' : undefined),
    () => undefined,
  );
}

/**
 * Marks a plugin's hook commands with the plugin's root, which the hook runner exports as
 * `CLAUDE_PLUGIN_ROOT` (Claude Code's plugin hooks rely on it in their scripts, not only in the command line).
 */
function withPluginRoot(group: unknown, root: string): unknown {
  if (typeof group !== 'object' || group === null) return group;
  const hooks = (group as { hooks?: unknown }).hooks;
  if (!Array.isArray(hooks)) return group;
  return {
    ...group,
    hooks: hooks.map((hook) =>
      typeof hook === 'object' && hook !== null && !Array.isArray(hook)
        ? { ...hook, pluginRoot: root }
        : hook,
    ),
  };
}

/** A plugin's stdio MCP server gets `CLAUDE_PLUGIN_ROOT` in its environment, as in Claude Code. */
function withPluginRootEnv(entry: unknown, root: string): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  const record = entry as Record<string, unknown>;
  if (typeof record.command !== 'string') return entry;
  const env = typeof record.env === 'object' && record.env !== null ? record.env : {};
  return { ...record, env: { CLAUDE_PLUGIN_ROOT: root, CLAW_PLUGIN_ROOT: root, ...env } };
}

/** Parsed JSON, undefined when the file is absent; a broken file is an issue. */
async function readJson(path: string, issues: DiscoveryIssue[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    issues.push({ path, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    issues.push({ path, message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}
