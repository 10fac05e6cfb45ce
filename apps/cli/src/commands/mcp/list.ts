import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { mcpConfigValues } from '../../mcp-config-flag.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import {
  markUntrustedServers,
  mcpApprovalsOf,
  mcpScopeLabel,
  mcpTarget,
  pluginMcpServers,
} from '../../reports/mcp-approvals.js';
import { redactMcpEntry } from '../../reports/mcp-redact.js';
import { formatTable, oneLine } from '../../reports/table.js';

export default class McpList extends BaseCommand {
  static override aliases = ['mcp ls'];
  static override summary =
    'List configured MCP servers of every scope, each validated (no server is started).';
  static override description =
    `Scopes, lowest precedence first: user ($CLAW_CONFIG_HOME/settings.json), project
(.mcp.json), local (.claw/settings.local.json), then the servers of enabled plugins (plugin:NAME), then
--mcp-config files (cli); with --strict-mcp-config only those. A name defined again in a later scope is
marked shadowed.
States: ok; invalid (with the reason); pending-approval (a .mcp.json server not yet approved with
enabledMcpjsonServers / enableAllProjectMcpServers); disabled (listed in disabledMcpjsonServers); untrusted
(a local-scope server in a workspace you have not trusted with \`claw trust\`).`;
  static override examples = [
    '<%= config.bin %> mcp list',
    '<%= config.bin %> mcp list --output-format json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(McpList);
    const [{ loadSettings }, { listMcpServers, readMcpConfigInput }] = await Promise.all([
      import('@claw/runtime'),
      import('@claw/mcp'),
    ]);
    const location = { workspaceRoot: workspaceFrom(flags), configHome: configHomeFrom(process.env) };
    const loaded = await loadSettings(location);
    const pluginServers = await pluginMcpServers(location.configHome);
    const cliServers = await Promise.all(
      mcpConfigValues(flags['mcp-config'] ?? []).map((value) => readMcpConfigInput(value, 'cli')),
    );
    const listed = await withDomainErrors(() =>
      listMcpServers({
        ...location,
        env: process.env,
        approvals: mcpApprovalsOf(loaded.settings),
        pluginServers,
        cliServers,
        strict: Boolean(flags['strict-mcp-config']),
      }),
    );
    const servers = markUntrustedServers(listed, loaded.trust).map((s) => ({
      ...s,
      config: redactMcpEntry(s.config),
    }));
    if (this.isJson(flags)) {
      this.writeJson({ type: 'mcp_servers', servers });
      return;
    }
    if (servers.length === 0) {
      process.stdout.write('No MCP servers configured. Add one with `claw mcp add NAME -- COMMAND ARGS…`.\n');
      return;
    }
    const rows = servers.map((s) => [
      s.name,
      mcpScopeLabel(s),
      `${s.state}${s.shadowed ? ' (shadowed)' : ''}`,
      oneLine(mcpTarget(s.config), 50),
      s.message ?? '',
    ]);
    process.stdout.write(`${formatTable([['NAME', 'SCOPE', 'STATE', 'TARGET', 'MESSAGE'], ...rows])}\n`);
  }
}
