import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PluginsError } from './errors.js';
import { parseFrontMatter, stringField, toolList } from './front-matter.js';
import {
  type ContentSource,
  contentDirs,
  type DiscoveryIssue,
  type DiscoveryRoots,
  listDir,
  type PluginContentDir,
} from './sources.js';

/** A sub-agent the Task/Agent tool can run. */
export interface AgentDefinition {
  name: string;
  /** When to use it; shown to the model in the Task tool's description. */
  description: string;
  /** Tool names the agent may use; undefined = every tool of the parent. */
  tools?: string[];
  /** A model alias/id, or `inherit` (the parent's model); undefined = inherit. */
  model?: string;
  color?: string;
  /** The agent's system prompt (the file's body). */
  systemPrompt: string;
  source: ContentSource;
  plugin?: string;
  path?: string;
}

/** Claude Code's built-in agent: all tools, the parent's model. */
export const GENERAL_PURPOSE_AGENT: AgentDefinition = {
  name: 'general-purpose',
  description:
    'General-purpose agent for researching complex questions, searching for code, and executing multi-step ' +
    'tasks. Use it when a search may need several rounds of globbing and grepping.',
  systemPrompt:
    "You are an agent for claw, a coding assistant. Given the user's message, use the tools available to " +
    'complete the task fully, without gold-plating. When you are done, reply with a concise report of what ' +
    'you did and what you found; include relevant absolute file paths and code snippets. Do not create files ' +
    'unless the task needs them.',
  source: 'builtin',
};

export interface DiscoverAgentsOptions extends DiscoveryRoots {
  pluginDirs?: PluginContentDir[];
}

/**
 * Finds `*.md` agents in `.claw/agents`, `.claude/agents`, `<configHome>/agents` and plugin agent dirs.
 * Project agents override user ones, and any of them may override the built-in of the same name.
 */
export async function discoverAgents(
  options: DiscoverAgentsOptions,
): Promise<{ agents: AgentDefinition[]; issues: DiscoveryIssue[] }> {
  const dirs = contentDirs(options, 'agents');
  const agents: AgentDefinition[] = [];
  const issues: DiscoveryIssue[] = [];
  const seen = new Set<string>();
  for (const { dir, source, plugin, files } of dirs) {
    for (const entry of await listDir(dir)) {
      if (!entry.isFile || !/\.md$/i.test(entry.name)) continue;
      if (files && !files.includes(entry.name)) continue;
      const path = join(dir, entry.name);
      const loaded = await loadAgentFile(path, source, plugin);
      if ('message' in loaded) {
        issues.push(loaded);
        continue;
      }
      if (seen.has(loaded.name)) continue;
      seen.add(loaded.name);
      agents.push(loaded);
    }
  }
  if (!seen.has(GENERAL_PURPOSE_AGENT.name)) agents.push(GENERAL_PURPOSE_AGENT);
  return { agents, issues };
}

async function loadAgentFile(
  path: string,
  source: ContentSource,
  plugin: string | undefined,
): Promise<AgentDefinition | DiscoveryIssue> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { path, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const doc = await parseFrontMatter(text);
  if (doc.error) return { path, message: doc.error };
  const name = stringField(doc.data, 'name');
  const description = stringField(doc.data, 'description');
  if (!name) return { path, message: 'front matter needs a "name"' };
  if (!description) return { path, message: 'front matter needs a "description"' };
  const tools = toolList(doc.data.tools);
  const model = stringField(doc.data, 'model');
  const color = stringField(doc.data, 'color');
  return {
    name: plugin ? `${plugin}:${name}` : name,
    description,
    ...(tools ? { tools } : {}),
    ...(model ? { model } : {}),
    ...(color ? { color } : {}),
    systemPrompt: doc.body.trim(),
    source,
    ...(plugin ? { plugin } : {}),
    path,
  };
}

export interface CreateAgentFileOptions extends DiscoveryRoots {
  scope: 'project' | 'user';
  name: string;
  description: string;
  tools?: string[];
  model?: string;
  color?: string;
  systemPrompt: string;
  force?: boolean;
}

/** Writes an agent in Claude Code's format for `claw agents create`; returns its path. */
export async function createAgentFile(options: CreateAgentFileOptions): Promise<{ path: string }> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(options.name)) {
    throw new PluginsError(
      'invalid_agent',
      `Invalid agent name "${options.name}"`,
      'Use lowercase letters, digits and "-"',
    );
  }
  if (options.description.trim() === '')
    throw new PluginsError('invalid_agent', 'An agent needs a description');
  const dir =
    options.scope === 'user'
      ? join(options.configHome, 'agents')
      : join(options.workspaceRoot, '.claw', 'agents');
  const path = join(dir, `${options.name}.md`);
  if (
    !options.force &&
    (await stat(path).then(
      () => true,
      () => false,
    ))
  ) {
    throw new PluginsError(
      'already_exists',
      `Agent "${options.name}" already exists at ${path}`,
      'Pass force to overwrite',
    );
  }
  const frontMatter: Record<string, string> = { name: options.name, description: options.description };
  if (options.tools && options.tools.length > 0) frontMatter.tools = options.tools.join(', ');
  if (options.model) frontMatter.model = options.model;
  if (options.color) frontMatter.color = options.color;
  const { stringify } = await import('./yaml.js');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path,
    `---\n${stringify(frontMatter).trimEnd()}\n---\n\n${options.systemPrompt.trim()}\n`,
    'utf8',
  );
  return { path };
}
