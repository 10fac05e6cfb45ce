import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { usageError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { readPipedStdin } from '../../print/stdin.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { installScopeFlag } from '../../reports/scope-flag.js';

export default class AgentsCreate extends BaseCommand {
  static override aliases = ['agent create'];
  static override summary = "Create an agent definition file in Claude Code's format.";
  static override description = `Writes .claw/agents/NAME.md (--scope project, the default) or
$CLAW_CONFIG_HOME/agents/NAME.md (--scope user) with front matter (name, description, tools, model, color)
and the system prompt from --prompt or, when piped, stdin. NAME uses lowercase letters, digits and "-".`;
  static override examples = [
    '<%= config.bin %> agents create reviewer --description "Reviews diffs for bugs" --tools Read,Grep --prompt "You review code."',
    'cat prompt.md | <%= config.bin %> agents create docs-writer --description "Writes docs" --model haiku',
  ];
  static override args = { name: Args.string({ description: 'Agent name.', required: true }) };
  static override flags = {
    description: Flags.string({
      char: 'd',
      description: 'When to use this agent (shown to the model).',
      required: true,
    }),
    tools: Flags.string({ description: 'Comma-separated tool names the agent may use (default: all).' }),
    model: Flags.string({ description: 'Model or alias for the agent (default: inherit).' }),
    color: Flags.string({ description: 'Display colour.' }),
    prompt: Flags.string({ description: "The agent's system prompt (otherwise read from stdin)." }),
    scope: installScopeFlag('Create for this project or for the user.'),
    force: Flags.boolean({ description: 'Overwrite an existing file.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(AgentsCreate);
    const systemPrompt = (flags.prompt ?? (await readPipedStdin())).trim();
    if (!systemPrompt)
      throw usageError('An agent needs a system prompt', 'Pass --prompt TEXT or pipe it on stdin.');
    const { createAgentFile } = await import('@claw/plugins');
    const tools = flags.tools
      ?.split(/[,\s]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    const scope = flags.scope as 'user' | 'project';
    const created = await withDomainErrors(() =>
      createAgentFile({
        workspaceRoot: workspaceFrom(flags),
        configHome: configHomeFrom(process.env),
        scope,
        name: args.name,
        description: flags.description,
        systemPrompt,
        ...(tools && tools.length > 0 ? { tools } : {}),
        ...(flags.model ? { model: flags.model } : {}),
        ...(flags.color ? { color: flags.color } : {}),
        force: flags.force,
      }),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'agent_created', name: args.name, scope, ...created });
    else process.stdout.write(`Created agent "${args.name}" at ${created.path} (${scope}).\n`);
  }
}
