import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseFrontMatter, stringField, toolList } from './front-matter.js';
import {
  type ContentSource,
  contentDirs,
  type DiscoveryIssue,
  type DiscoveryRoots,
  listDir,
  type PluginContentDir,
} from './sources.js';

/** A skill: instructions the model loads on demand through the `Skill` tool. */
export interface Skill {
  /** `name` from front matter (else the directory name); `plugin:name` for plugin skills. */
  name: string;
  description: string;
  /** The SKILL.md file. */
  path: string;
  /** The skill's directory: relative files the instructions mention live here. */
  baseDir: string;
  source: ContentSource;
  plugin?: string;
  /** The instructions (SKILL.md without its front matter). */
  body: string;
  allowedTools?: string[];
  model?: string;
  /** Every front matter field, for fields claw does not interpret yet. */
  frontMatter: Record<string, unknown>;
}

export interface DiscoverSkillsOptions extends DiscoveryRoots {
  /** `skills/` directories of enabled plugins. */
  pluginDirs?: PluginContentDir[];
}

/**
 * Finds `<dir>/*\/SKILL.md` in `.claw/skills`, `.claude/skills`, `<configHome>/skills` and plugin skill dirs.
 * The first skill of a name wins; broken files become issues, never exceptions.
 */
export async function discoverSkills(
  options: DiscoverSkillsOptions,
): Promise<{ skills: Skill[]; issues: DiscoveryIssue[] }> {
  const dirs = contentDirs(options, 'skills');
  const skills: Skill[] = [];
  const issues: DiscoveryIssue[] = [];
  const seen = new Set<string>();
  for (const { dir, source, plugin } of dirs) {
    for (const entry of await listDir(dir)) {
      if (!entry.isDirectory) continue;
      const path = join(dir, entry.name, 'SKILL.md');
      const loaded = await loadSkillFile(path, entry.name, source, plugin);
      if (loaded === undefined) continue;
      if ('message' in loaded) {
        issues.push(loaded);
        continue;
      }
      if (seen.has(loaded.name)) continue;
      seen.add(loaded.name);
      skills.push(loaded);
    }
  }
  return { skills, issues };
}

/** Loads one SKILL.md; undefined when the file does not exist. */
export async function loadSkillFile(
  path: string,
  dirName: string,
  source: ContentSource,
  plugin?: string,
): Promise<Skill | DiscoveryIssue | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { path, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const doc = await parseFrontMatter(text);
  if (doc.error) return { path, message: doc.error };
  const baseName = stringField(doc.data, 'name') ?? dirName;
  const description = stringField(doc.data, 'description');
  if (!description) return { path, message: 'front matter needs a "description"' };
  const allowedTools = toolList(doc.data['allowed-tools']);
  const model = stringField(doc.data, 'model');
  return {
    name: plugin ? `${plugin}:${baseName}` : baseName,
    description,
    path,
    baseDir: dirname(path),
    source,
    ...(plugin ? { plugin } : {}),
    body: doc.body.trim(),
    ...(allowedTools ? { allowedTools } : {}),
    ...(model ? { model } : {}),
    frontMatter: doc.data,
  };
}

/** The lines the system prompt lists so the model knows which skills exist. */
export function formatSkillsForPrompt(skills: Skill[]): string {
  return skills.map((skill) => `- ${skill.name}: ${skill.description}`).join('\n');
}
