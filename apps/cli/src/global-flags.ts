import { Flags } from '@oclif/core';

export const OUTPUT_FORMATS = ['text', 'json', 'stream-json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const PERMISSION_MODES = [
  'read-only',
  'workspace-write',
  'danger-full-access',
  'prompt',
  'plan',
  'acceptEdits',
  'bypassPermissions',
  'default',
] as const;

/** Flags every command accepts (SPEC §1), before or after the command name. */
export const globalFlags = {
  model: Flags.string({
    description: 'Model id or alias (opus, sonnet, haiku, or a user alias).',
    helpGroup: 'GLOBAL',
  }),
  'permission-mode': Flags.string({
    description: 'Permission mode.',
    options: [...PERMISSION_MODES],
    helpGroup: 'GLOBAL',
  }),
  allowedTools: Flags.string({
    description: 'Comma or space separated tool rules to allow, e.g. "Read,Bash(git diff:*)".',
    aliases: ['allowed-tools'],
    multiple: true,
    helpGroup: 'GLOBAL',
  }),
  disallowedTools: Flags.string({
    description: 'Comma or space separated tool rules to deny.',
    aliases: ['disallowed-tools'],
    multiple: true,
    helpGroup: 'GLOBAL',
  }),
  'output-format': Flags.string({
    description: 'Output format of print mode and of reporting commands.',
    options: [...OUTPUT_FORMATS],
    env: 'CLAW_OUTPUT_FORMAT',
    helpGroup: 'GLOBAL',
  }),
  'max-turns': Flags.integer({
    description: 'Maximum model calls for one prompt.',
    min: 1,
    helpGroup: 'GLOBAL',
  }),
  resume: Flags.string({
    char: 'r',
    description: 'Resume a session by id, or "latest".',
    helpGroup: 'GLOBAL',
  }),
  continue: Flags.boolean({
    description: 'Continue the latest session of this workspace.',
    helpGroup: 'GLOBAL',
  }),
  fork: Flags.boolean({
    description: 'With --resume/--continue: continue in a new session id.',
    helpGroup: 'GLOBAL',
  }),
  cwd: Flags.string({ char: 'C', description: 'Run as if started in this directory.', helpGroup: 'GLOBAL' }),
  'add-dir': Flags.string({
    description: 'Extra directory the file tools may use.',
    multiple: true,
    helpGroup: 'GLOBAL',
  }),
  'append-system-prompt': Flags.string({
    description: 'Text appended to the system prompt.',
    helpGroup: 'GLOBAL',
  }),
  'mcp-config': Flags.string({
    description: 'JSON file with mcpServers to load.',
    multiple: true,
    helpGroup: 'GLOBAL',
  }),
  'dangerously-skip-permissions': Flags.boolean({
    description: 'Allow every tool without asking (danger-full-access).',
    helpGroup: 'GLOBAL',
  }),
  verbose: Flags.boolean({ description: 'More detail on stderr.', helpGroup: 'GLOBAL' }),
  'no-color': Flags.boolean({ description: 'Disable colours (also NO_COLOR).', helpGroup: 'GLOBAL' }),
};

/** Splits `--allowedTools "Read,Bash(git diff:*)" --allowedTools Edit` into rules, keeping parentheses intact. */
export function splitToolRules(values: string[] | undefined): string[] {
  const rules: string[] = [];
  for (const value of values ?? []) {
    let depth = 0;
    let current = '';
    for (const ch of value) {
      if (ch === '(') depth += 1;
      if (ch === ')') depth = Math.max(0, depth - 1);
      if (depth === 0 && (ch === ',' || ch === ' ')) {
        if (current.trim()) rules.push(current.trim());
        current = '';
        continue;
      }
      current += ch;
    }
    if (current.trim()) rules.push(current.trim());
  }
  return rules;
}
