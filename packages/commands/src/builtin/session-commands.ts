import { contextPercent, filterPrefix, formatCost, formatPairs, formatTokens } from '../format.js';
import type { CommandContext, SlashCommand } from '../types.js';
import { defineCommand, unavailable, usageError } from './define.js';

const PERMISSION_MODES = ['read-only', 'workspace-write', 'danger-full-access', 'prompt'];
const PERMISSION_MODE_NAMES = [...PERMISSION_MODES, 'plan', 'acceptEdits', 'bypassPermissions', 'default'];

function costReport(ctx: CommandContext) {
  const report = ctx.engine.usage();
  const u = report.usage;
  const json = {
    session_id: ctx.engine.sessionId,
    model: ctx.engine.model,
    requests: report.requests,
    usage: u,
    total_cost_usd: report.costUsd ?? null,
    context_tokens: report.contextTokens,
    context_window: report.contextWindow,
  };
  const text = formatPairs([
    ['Total cost', formatCost(report.costUsd)],
    ['Requests', String(report.requests)],
    ['Input tokens', formatTokens(u.input_tokens)],
    ['Output tokens', formatTokens(u.output_tokens)],
    ['Cache read', formatTokens(u.cache_read_input_tokens)],
    ['Cache write', formatTokens(u.cache_creation_input_tokens)],
    [
      'Context',
      `${formatTokens(report.contextTokens)} / ${formatTokens(report.contextWindow)} (${contextPercent(report)}%)`,
    ],
  ]);
  return { text, json };
}

async function sessionIds(ctx: { services: CommandContext['services'] }, partial: string): Promise<string[]> {
  const sessions = (await ctx.services.listSessions?.()) ?? [];
  return filterPrefix(['latest', ...sessions.map((s) => s.id)], partial);
}

export const sessionCommands: SlashCommand[] = [
  defineCommand({
    name: 'status',
    summary: 'Show model, permission mode, workspace, memory and config files.',
    help: 'Usage: /status\nShows the effective model and where it came from, provider, permission mode, credentials source, memory files, config files and MCP servers.',
    async run(_args, ctx) {
      const s = ctx.engine.status();
      const text = formatPairs([
        ['Session', s.sessionId],
        ['Workspace', s.workspaceRoot],
        ['Model', `${s.model} (${s.modelSource})`],
        ['Provider', s.provider],
        ['Permission mode', s.permissionMode],
        ['Credentials', s.credentialSource],
        ['Memory files', s.memoryFiles.map((m) => m.path).join(', ') || 'none'],
        [
          'Config files',
          s.configFiles
            .map((c) => `${c.path}${c.errors.length ? ` (${c.errors.length} errors)` : ''}`)
            .join(', ') || 'none',
        ],
        ['MCP servers', s.mcpServers.map((m) => `${m.name}: ${m.status}`).join(', ') || 'none'],
        ['Tools', String(s.tools.length)],
      ]);
      return { text, json: s };
    },
  }),
  defineCommand({
    name: 'cost',
    summary: 'Show tokens and cost of this session.',
    help: 'Usage: /cost\nTokens in and out (including cache reads and writes), requests, and cost from the pricing table.',
    async run(_args, ctx) {
      return costReport(ctx);
    },
  }),
  defineCommand({
    name: 'usage',
    summary: 'Show context window use and session token totals.',
    help: 'Usage: /usage\nHow full the context window is, and the token totals of this session.',
    async run(_args, ctx) {
      return costReport(ctx);
    },
  }),
  defineCommand({
    name: 'model',
    argumentHint: '[model]',
    summary: 'Show or switch the model.',
    help: 'Usage: /model [model]\nWithout an argument shows the current model; with one (an alias such as opus, sonnet, haiku, or a model id) later prompts use it.',
    async complete(partial, ctx) {
      return filterPrefix(ctx.services.modelNames?.() ?? ['opus', 'sonnet', 'haiku'], partial);
    },
    async run(args, ctx) {
      if (!args) return { text: `Model: ${ctx.engine.model}`, json: { model: ctx.engine.model } };
      ctx.engine.setModel(args);
      return { text: `Model set to ${ctx.engine.model}`, json: { model: ctx.engine.model } };
    },
  }),
  defineCommand({
    name: 'permissions',
    aliases: ['allowed-tools'],
    argumentHint: '[mode]',
    summary: 'Show or change the permission mode.',
    help: `Usage: /permissions [mode]\nModes: ${PERMISSION_MODES.join(', ')} (Claude Code names plan, acceptEdits, bypassPermissions, default are accepted).`,
    async complete(partial) {
      return filterPrefix(PERMISSION_MODE_NAMES, partial);
    },
    async run(args, ctx) {
      if (!args) {
        const { permissionMode: mode, permissionRules: rules } = ctx.engine.status();
        const lines = [`Permission mode: ${mode}`];
        for (const behavior of ['deny', 'ask', 'allow'] as const) {
          const matching = rules.filter((r) => r.behavior === behavior);
          if (matching.length === 0) continue;
          lines.push('', `${behavior[0]?.toUpperCase()}${behavior.slice(1)}:`);
          for (const r of matching) lines.push(`  ${r.rule}  (${r.source})`);
        }
        if (rules.length === 0) lines.push('No permission rules: the mode decides.');
        return { text: lines.join('\n'), json: { permissionMode: mode, rules } };
      }
      if (!PERMISSION_MODE_NAMES.includes(args)) {
        return usageError(
          `Unknown permission mode "${args}".`,
          `/permissions [${PERMISSION_MODES.join('|')}]`,
        );
      }
      ctx.engine.setPermissionMode(args);
      const mode = ctx.engine.status().permissionMode;
      return { text: `Permission mode set to ${mode}`, json: { permissionMode: mode } };
    },
  }),
  defineCommand({
    name: 'compact',
    argumentHint: '[instructions]',
    summary: 'Summarize older turns to free context.',
    help: 'Usage: /compact [instructions]\nAsks the model to summarize the conversation so far (optionally focused by the instructions) and continues with the summary.',
    async run(args, ctx) {
      const result = await ctx.engine.compact(args || undefined, {
        signal: ctx.signal,
        onEvent: (event) => ctx.onEvent?.(event),
      });
      if (!result) return { text: 'Nothing to compact yet.', json: { compacted: false } };
      return {
        text: `Compacted ${result.replacedCount} messages into a summary.`,
        json: { compacted: true, replacedCount: result.replacedCount, summary: result.summary },
      };
    },
  }),
  defineCommand({
    name: 'clear',
    aliases: ['reset', 'new'],
    summary: 'Start a fresh session (the old one stays on disk).',
    help: 'Usage: /clear\nStarts a new session with an empty context; /resume brings the old one back.',
    async run(_args, ctx) {
      const previous = ctx.engine.sessionId;
      await ctx.engine.clear();
      return {
        text: `Started session ${ctx.engine.sessionId} (previous: ${previous}).`,
        json: { session_id: ctx.engine.sessionId, previous_session_id: previous },
        action: 'clear',
      };
    },
  }),
  defineCommand({
    name: 'resume',
    aliases: ['continue'],
    argumentHint: '[id|latest]',
    summary: 'Resume another session of this workspace.',
    help: 'Usage: /resume [id|latest]\nWithout an argument lists recent sessions, the current one marked; with an id (or a unique prefix) or "latest" switches to it (naming the current session just says so).',
    complete: (partial, ctx) => sessionIds(ctx, partial),
    async run(args, ctx) {
      const current = ctx.engine.sessionId;
      if (!args) {
        if (!ctx.services.listSessions) return unavailable('Listing sessions');
        const sessions = await ctx.services.listSessions();
        const lines = sessions.slice(0, 20).map((s) => {
          const mark = s.id === current ? '  (current)' : '';
          return `${s.id}  ${s.updatedAt}  ${s.title ?? ''}`.trimEnd() + mark;
        });
        return {
          text: lines.length ? `${lines.join('\n')}\n\nUse /resume <id> to switch.` : 'No sessions yet.',
          json: { sessions, current_session_id: current },
        };
      }
      // Resolved first so `latest` or a prefix naming this very session is recognised: reopening it would
      // collide with the lock this process already holds.
      const target = ctx.services.resolveSession ? await ctx.services.resolveSession(args) : args;
      if (target === current) {
        const count = ctx.engine.messages().length;
        return {
          text: `Already in session ${current} (${count} messages).`,
          json: { session_id: current, messages: count, already_current: true },
        };
      }
      await ctx.engine.resume(target);
      const count = ctx.engine.messages().length;
      return {
        text: `Resumed session ${ctx.engine.sessionId} (${count} messages).`,
        json: { session_id: ctx.engine.sessionId, messages: count },
      };
    },
  }),
  defineCommand({
    name: 'session',
    summary: 'Show the current session id and size.',
    help: 'Usage: /session\nThe current session id, its message count, and where to find it.',
    async run(_args, ctx) {
      const json = { session_id: ctx.engine.sessionId, messages: ctx.engine.messages().length };
      return { text: `Session ${json.session_id} (${json.messages} messages)`, json };
    },
  }),
  defineCommand({
    name: 'todos',
    summary: 'Show the todo list the agent keeps.',
    help: 'Usage: /todos\nThe current todo list written by the TodoWrite tool.',
    async run(_args, ctx) {
      const todos = ctx.engine.todos();
      const mark = (s: string) => (s === 'completed' ? '[x]' : s === 'in_progress' ? '[~]' : '[ ]');
      const text = todos.length ? todos.map((t) => `${mark(t.status)} ${t.content}`).join('\n') : 'No todos.';
      return { text, json: { todos } };
    },
  }),
  defineCommand({
    name: 'version',
    summary: 'Show the claw version.',
    help: 'Usage: /version',
    async run(_args, ctx) {
      const version = ctx.services.version?.() ?? 'unknown';
      return { text: `claw ${version}`, json: { version } };
    },
  }),
  defineCommand({
    name: 'exit',
    aliases: ['quit', 'q'],
    summary: 'Leave the REPL.',
    help: 'Usage: /exit\nThe session is saved; resume it with `claw --continue`.',
    async run() {
      return { action: 'exit' };
    },
  }),
];
