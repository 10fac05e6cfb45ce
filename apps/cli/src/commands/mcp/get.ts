import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { mcpApprovalsOf, mcpScopeLabel, pluginMcpServers } from '../../reports/mcp-approvals.js';
import { redactMcpEntry } from '../../reports/mcp-redact.js';
import { formatTable } from '../../reports/table.js';

export default class McpGet extends BaseCommand {
  static override summary = 'Show one MCP server: its effective entry, scope, file and validation.';
  static override examples = ['<%= config.bin %> mcp get fs'];
  static override args = { name: Args.string({ description: 'Server name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(McpGet);
    const [{ loadSettings }, { getMcpServer }] = await Promise.all([
      import('@claw/runtime'),
      import('@claw/mcp'),
    ]);
    const location = { workspaceRoot: workspaceFrom(flags), configHome: configHomeFrom(process.env) };
    const [loaded, pluginServers] = await Promise.all([
      loadSettings(location),
      pluginMcpServers(location.configHome),
    ]);
    const found = await withDomainErrors(() =>
      getMcpServer({
        ...location,
        name: args.name,
        env: process.env,
        approvals: mcpApprovalsOf(loaded.settings),
        pluginServers,
      }),
    );
    const server = { ...found, config: redactMcpEntry(found.config) };
    if (this.isJson(flags)) {
      this.writeJson({ type: 'mcp_server', ...server });
      return;
    }
    const table = formatTable([
      ['Name', server.name],
      ['Scope', mcpScopeLabel(server)],
      [server.plugin ? 'Plugin' : 'File', server.path],
      ['State', `${server.state}${server.message ? ` — ${server.message}` : ''}`],
    ]);
    process.stdout.write(`${table}\nEntry:\n${JSON.stringify(server.config, null, 2)}\n`);
  }
}
