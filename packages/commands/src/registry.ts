import { errorMessage } from './builtin/define.js';
import { sessionCommands } from './builtin/session-commands.js';
import { setupCommands } from './builtin/setup-commands.js';
import { workspaceCommands } from './builtin/workspace-commands.js';
import { customSlashCommand } from './custom.js';
import { parseSlashCommand } from './parse.js';
import type {
  CommandContext,
  CommandOutput,
  CompletionContext,
  CustomCommandSource,
  SlashCommand,
} from './types.js';

export interface CommandRegistryOptions {
  customCommands?: CustomCommandSource[];
}

export interface Completion {
  /** Offset in the line where the candidates replace the text. */
  from: number;
  candidates: string[];
}

export interface CommandRegistry {
  /** Built-ins first, then custom commands, each group sorted by name. */
  list(): SlashCommand[];
  find(name: string): SlashCommand | undefined;
  /** Completion for a line being typed at `cursor` (end of line by default). */
  complete(line: string, ctx: CompletionContext, cursor?: number): Promise<Completion>;
  /** Parses and runs one slash-command line; unknown commands come back as an error output. */
  execute(line: string, ctx: CommandContext): Promise<CommandOutput>;
  /** `/help` text: every command, or one command's details. */
  help(name?: string): string;
}

/** Order matters for `/help`: the commands people reach for first. */
const BUILTIN_ORDER = [
  'help',
  'status',
  'cost',
  'usage',
  'model',
  'permissions',
  'config',
  'memory',
  'init',
  'compact',
  'clear',
  'resume',
  'session',
  'export',
  'diff',
  'todos',
  'hooks',
  'mcp',
  'skills',
  'agents',
  'plugins',
  'doctor',
  'login',
  'logout',
  'version',
  'exit',
];

export function createCommandRegistry(options: CommandRegistryOptions = {}): CommandRegistry {
  const byName = new Map<string, SlashCommand>();
  const builtins: SlashCommand[] = [];
  const customs: SlashCommand[] = [];

  const registry: CommandRegistry = {
    list: () => [...builtins, ...customs],
    find: (name) => byName.get(name.replace(/^\//, '').toLowerCase()),
    async complete(line, ctx, cursor = line.length) {
      const head = line.slice(0, cursor);
      const space = head.search(/\s/);
      if (!head.startsWith('/')) return { from: cursor, candidates: [] };
      if (space === -1) {
        const partial = head.slice(1).toLowerCase();
        const names = registry.list().flatMap((c) => [c.name, ...c.aliases.filter(() => partial.length > 0)]);
        if (partial.startsWith('mcp') && ctx.engine?.mcpPromptCommands) {
          // Listing prompts asks the servers; only done when the user is typing an MCP prompt name.
          const prompts = await ctx.engine.mcpPromptCommands().catch(() => []);
          names.push(...prompts.map((p) => p.name.toLowerCase()));
        }
        const candidates = [...new Set(names.filter((n) => n.startsWith(partial)))].map((n) => `/${n}`);
        return { from: 0, candidates };
      }
      const command = registry.find(head.slice(1, space));
      if (!command?.complete) return { from: cursor, candidates: [] };
      const argsStart = space + (head.slice(space).length - head.slice(space).trimStart().length);
      // Complete the last word of the arguments; earlier words stay as typed.
      const lastSpace = Math.max(head.lastIndexOf(' '), argsStart - 1);
      const partial = head.slice(argsStart);
      const candidates = await command.complete(partial, ctx);
      const from = partial.includes(' ') ? lastSpace + 1 : argsStart;
      const strip = from - argsStart;
      return { from, candidates: candidates.map((c) => c.slice(strip)) };
    },
    async execute(line, ctx) {
      const parsed = parseSlashCommand(line);
      if (!parsed) return { text: `Not a slash command: ${line}`, isError: true };
      const command = registry.find(parsed.name);
      if (!command && parsed.name.startsWith('mcp__') && ctx.engine.expandMcpPrompt) {
        return runMcpPrompt(ctx, parsed.name, parsed.argv);
      }
      if (!command) {
        const near = registry.list().find((c) => c.name.startsWith(parsed.name.slice(0, 2)));
        const hint = near ? ` Did you mean /${near.name}?` : '';
        return { text: `Unknown command /${parsed.name}.${hint} Type /help for the list.`, isError: true };
      }
      try {
        return await command.run(parsed.args, ctx);
      } catch (error) {
        // One place turns a failed command into an error output, hint included: commands just throw.
        return { text: errorMessage(error), isError: true };
      }
    },
    help(name) {
      if (name) {
        const command = registry.find(name);
        if (!command) return `Unknown command /${name.replace(/^\//, '')}. Type /help for the list.`;
        const aliases = command.aliases.length
          ? `\nAliases: ${command.aliases.map((a) => `/${a}`).join(', ')}`
          : '';
        return `/${command.name} — ${command.summary}\n${command.help}${aliases}`;
      }
      const rows = (list: SlashCommand[]) => {
        const labels = list.map((c) => `/${c.name}${c.argumentHint ? ` ${c.argumentHint}` : ''}`);
        const width = Math.min(28, Math.max(...labels.map((l) => l.length)));
        return list.map((c, i) => `  ${(labels[i] as string).padEnd(width)}  ${c.summary}`).join('\n');
      };
      const sections = [`Slash commands:\n${rows(builtins)}`];
      if (customs.length) sections.push(`Custom commands:\n${rows(customs)}`);
      sections.push(
        'Also: !cmd runs a shell command, @path attaches a file, # note saves to project memory (## note to\n' +
          'user memory), /help NAME explains one command.\n' +
          'Keys: Shift-Tab cycles the permission mode, Ctrl-R searches history, Ctrl-L clears the screen.',
      );
      return sections.join('\n\n');
    },
  };

  const helpCommand: SlashCommand = {
    name: 'help',
    aliases: ['?'],
    argumentHint: '[command]',
    summary: 'List slash commands, or explain one.',
    help: 'Usage: /help [command]',
    async complete(partial) {
      return registry
        .list()
        .map((c) => c.name)
        .filter((n) => n.startsWith(partial.replace(/^\//, '')));
    },
    async run(args) {
      const json = {
        commands: registry.list().map((c) => ({ name: c.name, aliases: c.aliases, summary: c.summary })),
      };
      return { text: registry.help(args || undefined), json };
    },
  };

  const all = [helpCommand, ...sessionCommands, ...workspaceCommands, ...setupCommands];
  for (const name of BUILTIN_ORDER) {
    const command = all.find((c) => c.name === name);
    if (command) builtins.push(command);
  }
  for (const command of builtins) {
    byName.set(command.name, command);
    for (const alias of command.aliases) byName.set(alias, command);
  }
  // A custom command never shadows a built-in: `/clear` must always mean clear.
  for (const source of [...(options.customCommands ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
    const command = customSlashCommand(source);
    if (byName.has(command.name)) continue;
    customs.push(command);
    byName.set(command.name, command);
  }
  return registry;
}

/** `/mcp__<server>__<prompt> args…`: the prompt's text goes to the model as the user's turn. */
async function runMcpPrompt(ctx: CommandContext, name: string, argv: string[]): Promise<CommandOutput> {
  try {
    const prompt = await ctx.engine.expandMcpPrompt?.(name, argv, ctx.signal);
    if (prompt === undefined) {
      return {
        text: `No connected MCP server offers /${name}. /mcp shows the servers and their state.`,
        isError: true,
      };
    }
    return { action: 'submit', prompt };
  } catch (error) {
    return { text: errorMessage(error), isError: true };
  }
}
