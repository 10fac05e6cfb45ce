import { filterPrefix, formatPairs } from '../format.js';
import { splitWords } from '../parse.js';
import { formatTranscript } from '../transcript.js';
import type { InventoryKind, SlashCommand } from '../types.js';
import { defineCommand, unavailable, usageError } from './define.js';

function inventoryCommand(kind: InventoryKind, summary: string): SlashCommand {
  return defineCommand({
    name: kind,
    summary,
    help: `Usage: /${kind}\nLists ${kind} found for this workspace; manage them with \`claw ${kind}\`.`,
    async run(_args, ctx) {
      if (!ctx.services.inventory) return unavailable(`Listing ${kind}`);
      const items = await ctx.services.inventory(kind);
      const lines = items.map((i) => {
        const state = i.enabled === false ? ' (disabled)' : '';
        return `${i.name}${state}${i.description ? ` — ${i.description}` : ''}${i.source ? ` [${i.source}]` : ''}`;
      });
      return { text: lines.length ? lines.join('\n') : `No ${kind}.`, json: { [kind]: items } };
    },
  });
}

const SCOPES = ['user', 'project', 'local'] as const;
type Scope = (typeof SCOPES)[number];

export const workspaceCommands: SlashCommand[] = [
  defineCommand({
    name: 'config',
    argumentHint: '[get KEY | set KEY VALUE [--scope user|project|local] | list]',
    summary: 'Read or change settings.',
    help: 'Usage: /config [list]\n       /config get KEY\n       /config set KEY VALUE [--scope user|project|local]\nSettings are merged user < project < local; set writes the local scope (.claw/settings.local.json) unless told otherwise, like `claw config set`.',
    async complete(partial) {
      return filterPrefix(['get', 'set', 'list'], partial);
    },
    async run(_args, ctx) {
      const [sub = 'list', ...rest] = splitWords(_args);
      if (sub === 'list' || sub === 'get') {
        if (!ctx.services.configGet) return unavailable('Reading settings');
        const value = await ctx.services.configGet(sub === 'get' ? rest[0] : undefined);
        return { text: JSON.stringify(value, null, 2) ?? 'undefined', json: value };
      }
      if (sub === 'set') {
        if (!ctx.services.configSet) return unavailable('Changing settings');
        const scopeIndex = rest.indexOf('--scope');
        const scope = (scopeIndex === -1 ? 'local' : rest[scopeIndex + 1]) as Scope;
        const [key, value] =
          scopeIndex === -1 ? rest : rest.filter((_, i) => i !== scopeIndex && i !== scopeIndex + 1);
        if (!key || value === undefined || !SCOPES.includes(scope)) {
          return usageError(
            'Expected a key, a value and an optional scope.',
            '/config set KEY VALUE [--scope S]',
          );
        }
        const path = await ctx.services.configSet(key, value, scope);
        return { text: `Set ${key} in ${path} (${scope} scope)`, json: { key, value, scope, path } };
      }
      return usageError(`Unknown /config subcommand "${sub}".`, '/config [list|get KEY|set KEY VALUE]');
    },
  }),
  defineCommand({
    name: 'memory',
    summary: 'Show the memory files (CLAUDE.md, CLAW.md, AGENTS.md, rules) in the system prompt.',
    help: 'Usage: /memory\nLists the memory files loaded into the system prompt, with their sizes. Edit them in your editor; they are read again by /clear.',
    async run(_args, ctx) {
      const files = ctx.engine.status().memoryFiles;
      const text = files.length
        ? formatPairs(files.map((f) => [f.path, `${f.bytes} bytes`]))
        : 'No memory files. /init creates CLAW.md.';
      return { text, json: { memoryFiles: files } };
    },
  }),
  defineCommand({
    name: 'diff',
    argumentHint: '[git diff args]',
    summary: 'Show uncommitted changes (git diff).',
    help: 'Usage: /diff [args]\nRuns `git diff` in the workspace with the given arguments, e.g. /diff --stat.',
    async run(args, ctx) {
      if (!ctx.services.gitDiff) return unavailable('git diff');
      const diff = await ctx.services.gitDiff(splitWords(args), ctx.signal);
      return { text: diff.trim() ? diff : 'No changes.', json: { diff } };
    },
  }),
  defineCommand({
    name: 'export',
    argumentHint: '[file]',
    summary: 'Write the conversation to a Markdown file.',
    help: 'Usage: /export [file]\nWrites the transcript (default: claw-<session>.md in the workspace).',
    async run(args, ctx) {
      const transcript = formatTranscript(ctx.engine.messages());
      if (!ctx.services.writeFile) return { text: transcript };
      const path = await ctx.services.writeFile(args || `claw-${ctx.engine.sessionId}.md`, transcript);
      return { text: `Exported to ${path}`, json: { path } };
    },
  }),
  defineCommand({
    name: 'mcp',
    summary: 'Show MCP servers and their status.',
    help: 'Usage: /mcp\nMCP servers from settings, .mcp.json and --mcp-config, with status and tool counts.',
    async run(_args, ctx) {
      const servers = ctx.engine.status().mcpServers;
      const text = servers.length
        ? servers
            .map((s) => `${s.name}: ${s.status}, ${s.tools} tools${s.error ? ` — ${s.error}` : ''}`)
            .join('\n')
        : 'No MCP servers configured.';
      return { text, json: { mcpServers: servers } };
    },
  }),
  inventoryCommand('hooks', 'Show configured hooks.'),
  inventoryCommand('skills', 'List available skills.'),
  inventoryCommand('agents', 'List agent definitions.'),
  inventoryCommand('plugins', 'List installed plugins.'),
];
