import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { CliError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { formatTable } from '../../reports/table.js';

export default class AgentsShow extends BaseCommand {
  static override aliases = ['agent show'];
  static override summary = 'Show an agent definition: description, tools, model and system prompt.';
  static override examples = ['<%= config.bin %> agents show reviewer'];
  static override args = { name: Args.string({ description: 'Agent name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(AgentsShow);
    const { loadExtensions } = await import('@claw/plugins');
    const ext = await loadExtensions({
      workspaceRoot: workspaceFrom(flags),
      configHome: configHomeFrom(process.env),
    });
    const agent = ext.agents.find((a) => a.name === args.name);
    if (!agent)
      throw new CliError('not_found', `No agent named "${args.name}"`, { hint: 'Run `claw agents list`.' });
    if (this.isJson(flags)) {
      this.writeJson({ type: 'agent', ...agent });
      return;
    }
    const header = formatTable([
      ['Name', agent.name],
      ['Description', agent.description],
      ['Source', agent.plugin ? `plugin ${agent.plugin}` : agent.source],
      ...(agent.path ? [['File', agent.path]] : []),
      ['Tools', agent.tools ? agent.tools.join(', ') : 'all'],
      ['Model', agent.model ?? 'inherit'],
    ]);
    process.stdout.write(`${header}\n\n${agent.systemPrompt.trim()}\n`);
  }
}
