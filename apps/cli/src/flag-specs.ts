/**
 * The flags of claw's hot commands as plain data. oclif's flag builders are made from these specs
 * (global-flags.ts), and so is the start-up fast path (fast-argv.ts) that runs `claw -p`, the REPL and
 * `claw doctor` without loading oclif. This module must not import oclif.
 */

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

export interface FlagSpec {
  readonly type: 'string' | 'boolean' | 'integer';
  readonly description: string;
  readonly char?: string;
  readonly aliases?: readonly string[];
  readonly multiple?: boolean;
  readonly options?: readonly string[];
  readonly min?: number;
  /** An environment variable that gives the value when the flag is absent. */
  readonly env?: string;
  readonly default?: string | number;
  readonly helpGroup?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

const GLOBAL = 'GLOBAL';

/** Flags every command accepts (SPEC §1), before or after the command name. */
export const GLOBAL_FLAG_SPECS = {
  model: {
    type: 'string',
    description: 'Model id or alias (opus, sonnet, haiku, or a user alias).',
    helpGroup: GLOBAL,
  },
  'permission-mode': {
    type: 'string',
    description: 'Permission mode.',
    options: PERMISSION_MODES,
    helpGroup: GLOBAL,
  },
  allowedTools: {
    type: 'string',
    description: 'Comma or space separated tool rules to allow, e.g. "Read,Bash(git diff:*)".',
    aliases: ['allowed-tools'],
    multiple: true,
    helpGroup: GLOBAL,
  },
  disallowedTools: {
    type: 'string',
    description: 'Comma or space separated tool rules to deny.',
    aliases: ['disallowed-tools'],
    multiple: true,
    helpGroup: GLOBAL,
  },
  'output-format': {
    type: 'string',
    description: 'Output format of print mode and of reporting commands.',
    options: OUTPUT_FORMATS,
    env: 'CLAW_OUTPUT_FORMAT',
    helpGroup: GLOBAL,
  },
  'max-turns': {
    type: 'integer',
    description: 'Maximum model calls for one prompt.',
    min: 1,
    helpGroup: GLOBAL,
  },
  resume: {
    type: 'string',
    char: 'r',
    description: 'Resume a session by id, or "latest".',
    helpGroup: GLOBAL,
  },
  continue: {
    type: 'boolean',
    description: 'Continue the latest session of this workspace.',
    helpGroup: GLOBAL,
  },
  fork: {
    type: 'boolean',
    description: 'With --resume/--continue: continue in a new session id.',
    helpGroup: GLOBAL,
  },
  cwd: { type: 'string', char: 'C', description: 'Run as if started in this directory.', helpGroup: GLOBAL },
  'add-dir': {
    type: 'string',
    description: 'Extra directory the file tools may use.',
    multiple: true,
    helpGroup: GLOBAL,
  },
  'append-system-prompt': {
    type: 'string',
    description: 'Text appended to the system prompt.',
    helpGroup: GLOBAL,
  },
  'mcp-config': {
    type: 'string',
    description: 'JSON file with mcpServers to load.',
    multiple: true,
    helpGroup: GLOBAL,
  },
  'strict-mcp-config': {
    type: 'boolean',
    description: 'Start only the MCP servers from --mcp-config, none from settings, .mcp.json or plugins.',
    helpGroup: GLOBAL,
  },
  'dangerously-skip-permissions': {
    type: 'boolean',
    description: 'Allow every tool without asking (danger-full-access).',
    helpGroup: GLOBAL,
  },
  verbose: { type: 'boolean', description: 'More detail on stderr.', helpGroup: GLOBAL },
  'no-color': { type: 'boolean', description: 'Disable colours (also NO_COLOR).', helpGroup: GLOBAL },
} as const satisfies FlagSpecs;

/** `claw prompt` / `claw -p`: print mode's own flags besides the global ones. */
export const PROMPT_FLAG_SPECS = {
  'input-format': {
    type: 'string',
    description: 'stdin format: text, or stream-json (NDJSON user messages, one turn each).',
    options: ['text', 'stream-json'],
    default: 'text',
  },
  'permission-prompt-tool': {
    type: 'string',
    description:
      'MCP tool (mcp__server__tool) that decides what would need approval: claw calls it with {tool_name, input, tool_use_id} and reads {"behavior":"allow","updatedInput":{…}} or {"behavior":"deny","message":"…"}; any other answer denies.',
  },
  'api-key-helper': { type: 'string', description: 'Command whose stdout is the API key.' },
  'include-partial-messages': {
    type: 'boolean',
    description:
      'With --output-format stream-json: also print every event of the model stream as it arrives ({"type":"stream_event","event":{…}}), as Claude Code does.',
  },
  'session-id': { type: 'string', description: 'Use this id for a new session.' },
} as const satisfies FlagSpecs;

export const DOCTOR_FLAG_SPECS = {
  network: { type: 'boolean', description: 'Also check that the provider endpoint answers (needs network).' },
  timeout: {
    type: 'integer',
    description: 'Seconds to wait for the provider with --network.',
    default: 5,
    min: 1,
  },
} as const satisfies FlagSpecs;

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
