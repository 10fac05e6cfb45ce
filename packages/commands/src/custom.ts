import type { CustomCommandSource, SlashCommand, TurnOverrides } from './types.js';

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
    async run(args, ctx) {
      const turn: TurnOverrides = {
        ...(source.model ? { model: source.model } : {}),
        ...(source.allowedTools?.length ? { allowRules: source.allowedTools } : {}),
      };
      return {
        action: 'submit',
        prompt: await source.expand(args, ctx.signal),
        ...(Object.keys(turn).length > 0 ? { turn } : {}),
      };
    },
  };
}
