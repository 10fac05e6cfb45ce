import McpList from './list.js';

/** `claw mcp` alone lists, as `claw mcp list` does. */
export default class Mcp extends McpList {
  // Not the list command's aliases, which this class would inherit.
  static override aliases: string[] = [];
  static override summary = 'List MCP servers (same as `claw mcp list`); see also get, add, remove, login.';
  static override examples = [
    '<%= config.bin %> mcp',
    '<%= config.bin %> mcp add fs -- npx -y @modelcontextprotocol/server-filesystem .',
    '<%= config.bin %> mcp add --transport http sentry https://mcp.sentry.dev/mcp',
    '<%= config.bin %> mcp login sentry',
  ];
}
