import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontMatter, stringField, toolList } from './front-matter.js';
import {
  type ContentSource,
  contentDirs,
  type DiscoveryIssue,
  type DiscoveryRoots,
  listDir,
  type PluginContentDir,
} from './sources.js';

/** A Markdown custom slash command (`.claw/commands/review.md` → `/review`). */
export interface CustomCommand {
  /** `review`, `frontend:lint` for `frontend/lint.md`, `my-plugin:review` for plugin commands. */
  name: string;
  description: string;
  argumentHint?: string;
  allowedTools?: string[];
  model?: string;
  path: string;
  source: ContentSource;
  plugin?: string;
  /** The prompt template (file without front matter). */
  body: string;
  frontMatter: Record<string, unknown>;
}

export interface DiscoverCommandsOptions extends DiscoveryRoots {
  pluginDirs?: PluginContentDir[];
}

/**
 * Finds `*.md` under `.claw/commands`, `.claude/commands`, `<configHome>/commands` and plugin command dirs;
 * sub-directories become `:` namespaces. The first command of a name wins.
 */
export async function discoverCustomCommands(
  options: DiscoverCommandsOptions,
): Promise<{ commands: CustomCommand[]; issues: DiscoveryIssue[] }> {
  const dirs = contentDirs(options, 'commands');
  const commands: CustomCommand[] = [];
  const issues: DiscoveryIssue[] = [];
  const seen = new Set<string>();
  for (const { dir, source, plugin, files } of dirs) {
    const found = await markdownFiles(dir, []);
    // A manifest entry naming one file brings that file, not its siblings.
    const chosen = files ? found.filter((f) => f.length === 1 && files.includes(f[0] as string)) : found;
    for (const file of chosen) {
      const path = join(dir, ...file);
      const baseName = file.map((part) => part.replace(/\.md$/i, '')).join(':');
      const name = plugin ? `${plugin}:${baseName}` : baseName;
      if (seen.has(name)) continue;
      const loaded = await loadCommandFile(path, name, source, plugin);
      if ('message' in loaded) {
        issues.push(loaded);
        continue;
      }
      seen.add(name);
      commands.push(loaded);
    }
  }
  return { commands, issues };
}

async function markdownFiles(dir: string, prefix: string[]): Promise<string[][]> {
  const found: string[][] = [];
  for (const entry of await listDir(join(dir, ...prefix))) {
    if (entry.isDirectory) found.push(...(await markdownFiles(dir, [...prefix, entry.name])));
    else if (entry.isFile && /\.md$/i.test(entry.name)) found.push([...prefix, entry.name]);
  }
  return found;
}

async function loadCommandFile(
  path: string,
  name: string,
  source: ContentSource,
  plugin: string | undefined,
): Promise<CustomCommand | DiscoveryIssue> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { path, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const doc = await parseFrontMatter(text);
  if (doc.error) return { path, message: doc.error };
  const body = doc.body.trim();
  // Claude Code falls back to the first line of the prompt when there is no description.
  const description = stringField(doc.data, 'description') ?? firstLine(body);
  const argumentHint = stringField(doc.data, 'argument-hint');
  const allowedTools = toolList(doc.data['allowed-tools']);
  const model = stringField(doc.data, 'model');
  return {
    name,
    description,
    ...(argumentHint ? { argumentHint } : {}),
    ...(allowedTools ? { allowedTools } : {}),
    ...(model ? { model } : {}),
    path,
    source,
    ...(plugin ? { plugin } : {}),
    body,
    frontMatter: doc.data,
  };
}

function firstLine(body: string): string {
  const line = body.split('\n').find((l) => l.trim().length > 0) ?? '';
  const trimmed = line.replace(/^#+\s*/, '').trim();
  return trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
}
