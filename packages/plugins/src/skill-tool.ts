import type { Tool } from '@claw/tools';
import { z } from 'zod';
import type { Skill } from './skills.js';

const SkillInput = z.object({
  skill: z.string().min(1).describe('The skill name, e.g. "pdf" or "my-plugin:review"'),
  args: z.string().optional().describe('Optional arguments for the skill'),
});
export type SkillToolInput = z.infer<typeof SkillInput>;

export interface SkillToolOptions {
  /** Skills to offer; a function so skills installed mid-session are seen. */
  skills: Skill[] | (() => Skill[]);
}

/**
 * Claude Code's `Skill` tool: the model names a skill, gets its full instructions back. The base directory is
 * stated first because skills refer to their own scripts and reference files by relative path.
 */
export function createSkillTool(options: SkillToolOptions): Tool<SkillToolInput> {
  const current = () => (typeof options.skills === 'function' ? options.skills() : options.skills);
  const listing = () =>
    current()
      .map((skill) => `- ${skill.name}: ${skill.description}`)
      .join('\n');
  return {
    name: 'Skill',
    aliases: ['skill'],
    get description() {
      const skills = listing();
      return (
        'Load a skill: specialised instructions for a task. When a task matches a skill below, call this tool ' +
        'with its name before doing the task, then follow the instructions it returns.\n\n' +
        `Available skills:\n${skills || '(none)'}`
      );
    },
    inputSchema: SkillInput,
    // Older Claude Code versions called the field `command`.
    inputAliases: { command: 'skill', name: 'skill' },
    permission: 'read-only',
    concurrencySafe: true,
    summarize: (input) => `Skill(${input.skill})`,
    async execute(input) {
      const wanted = input.skill.replace(/^\//, '');
      const skills = current();
      const skill =
        skills.find((s) => s.name === wanted) ?? skills.find((s) => s.name.split(':').at(-1) === wanted);
      if (!skill) {
        const names = skills.map((s) => s.name).join(', ') || 'none';
        return { content: `Unknown skill "${input.skill}". Available skills: ${names}`, isError: true };
      }
      const parts = [
        `Launching skill: ${skill.name}`,
        `Base directory for this skill: ${skill.baseDir}`,
        `(Relative paths in these instructions are relative to that directory.)`,
        '',
        skill.body,
      ];
      if (skill.allowedTools)
        parts.push('', `Allowed tools for this skill: ${skill.allowedTools.join(', ')}`);
      if (input.args) parts.push('', `ARGUMENTS: ${input.args}`);
      return { content: parts.join('\n'), display: { kind: 'text', text: `Loaded skill ${skill.name}` } };
    },
  };
}
