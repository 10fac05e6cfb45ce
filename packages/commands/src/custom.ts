import type { CustomCommandSource, SlashCommand } from './types.js';

/** A custom Markdown command runs by sending its expanded prompt to the model. */
export function customSlashCommand(source: CustomCommandSource): SlashCommand {
  const hint = source.argumentHint ? ` ${source.argumentHint}` : '';
  return {
    name: source.name.toLowerCase(),
    aliases: [],
    summary: source.description || `Custom command /${source.name}`,
    help: `Usage: /${source.name}${hint}\n${source.description}\n(custom command: its prompt is sent to the model with $ARGUMENTS replaced)`,
    ...(source.argumentHint ? { argumentHint: source.argumentHint } : {}),
    custom: true,
    async run(args) {
      return { action: 'submit', prompt: await source.expand(args) };
    },
  };
}
