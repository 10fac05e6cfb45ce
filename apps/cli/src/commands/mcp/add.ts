import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { usageError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { type SettingsScopeName, settingsScopeFlag } from '../../reports/scope-flag.js';

export default class McpAdd extends BaseCommand {
  static override summary = 'Add an MCP server: a stdio command after `--`, or an http/sse URL.';
  static override description =
    `Writes the entry in Claude Code's format to the scope's file, after validating it:
local (default) → .claw/settings.local.json, project → .mcp.json (shared; each user approves it with
enabledMcpjsonServers), user → $CLAW_CONFIG_HOME/settings.json. An entry of the same name in that file is
replaced. \${VAR} references are stored unexpanded and expanded when the server starts.

Put options before the server name; everything after \`--\` is the command and its arguments.`;
  static override examples = [
    '<%= config.bin %> mcp add fs -- npx -y @modelcontextprotocol/server-filesystem .',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference, stored unexpanded.
    "<%= config.bin %> mcp add -e API_KEY='${API_KEY}' --scope project airtable -- npx -y airtable-mcp-server",
    '<%= config.bin %> mcp add --transport http sentry https://mcp.sentry.dev/mcp',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference, stored unexpanded.
    '<%= config.bin %> mcp add --transport sse -H "Authorization: Bearer ${TOKEN}" linear https://mcp.linear.app/sse',
  ];
  static override strict = false;
  static override args = {
    name: Args.string({ description: 'Server name (letters, digits, _ - .).', required: true }),
    commandOrUrl: Args.string({ description: 'stdio: the command (after --); http/sse: the URL.' }),
  };
  static override flags = {
    scope: settingsScopeFlag('Where to write the entry.', 'local'),
    transport: Flags.string({ char: 't', description: 'Transport.', options: ['stdio', 'http', 'sse'] }),
    env: Flags.string({
      char: 'e',
      description: 'Environment variable for a stdio server, KEY=VALUE (repeatable).',
      multiple: true,
      multipleNonGreedy: true,
    }),
    header: Flags.string({
      char: 'H',
      description: "HTTP header for an http/sse server, 'Name: value' (repeatable).",
      multiple: true,
      multipleNonGreedy: true,
    }),
  };

  async run(): Promise<void> {
    const { args, argv, flags } = await this.parse(McpAdd);
    const { addMcpServer, buildMcpServerEntry } = await import('@claw/mcp');
    if (!args.commandOrUrl)
      throw usageError(
        `claw mcp add ${args.name}: missing the command (after --) or URL`,
        'Example: `claw mcp add fs -- npx -y @modelcontextprotocol/server-filesystem .`',
      );
    // argv holds every positional in order: name, command or URL, then the command's own arguments.
    const rest = (argv as string[]).slice(2);
    const looksLikeUrl = /^https?:\/\//i.test(args.commandOrUrl);
    let transport = flags.transport as 'stdio' | 'http' | 'sse' | undefined;
    if (!transport && looksLikeUrl && rest.length === 0) {
      transport = 'http';
      process.stderr.write('note: treating the URL as --transport http (pass --transport sse for SSE)\n');
    }
    transport ??= 'stdio';
    if (transport !== 'stdio' && rest.length > 0)
      throw usageError(`--transport ${transport} takes only a URL; unexpected: ${rest.join(' ')}`);
    // ${VAR} references are expanded at start-up, so only a URL without them can be checked now.
    if (transport !== 'stdio' && !args.commandOrUrl.includes('${') && !URL.canParse(args.commandOrUrl))
      throw usageError(`${args.commandOrUrl} is not a valid URL`, 'Example: https://example.com/mcp');
    if (transport === 'stdio' && (flags.header ?? []).length > 0)
      throw usageError('-H/--header applies to http and sse servers only');
    if (transport !== 'stdio' && (flags.env ?? []).length > 0)
      throw usageError('-e/--env applies to stdio servers only');
    const scope = (flags.scope ?? 'local') as SettingsScopeName;
    const result = await withDomainErrors(async () => {
      const config = buildMcpServerEntry({
        transport,
        commandOrUrl: args.commandOrUrl as string,
        args: rest,
        env: flags.env ?? [],
        headers: flags.header ?? [],
      });
      const written = await addMcpServer({
        workspaceRoot: workspaceFrom(flags),
        configHome: configHomeFrom(process.env),
        scope,
        name: args.name,
        config,
      });
      return { ...written, config };
    });
    if (this.isJson(flags)) {
      this.writeJson({ type: 'mcp_added', name: args.name, scope, ...result });
      return;
    }
    const note =
      scope === 'project' ? `\nProject servers start once approved: claw mcp approve ${args.name}` : '';
    process.stdout.write(
      `${result.replaced ? 'Replaced' : 'Added'} ${transport} MCP server "${args.name}" in ${result.path} (${scope}).${note}\n`,
    );
  }
}
