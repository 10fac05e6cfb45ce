import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { PROMPT_FLAG_SPECS as P } from '../flag-specs.js';
import { oclifFlagOptions } from '../global-flags.js';
import { runPromptCommand } from '../hot-commands.js';

export default class Prompt extends BaseCommand {
  static override summary = 'Run one prompt to completion and print the result (print mode).';
  static override description = `The agent runs until the model stops, then claw prints the result and exits.
Piped stdin is the prompt, or is appended to it. Also available as \`claw -p "…"\` and \`claw "…"\`.

Exit codes: 0 success; 1 the task failed (API error after retries, max turns, tool fatal); 2 usage error.`;
  static override examples = [
    '<%= config.bin %> -p "explain src/index.ts"',
    'git diff | <%= config.bin %> -p "review this diff" --output-format json',
    '<%= config.bin %> prompt "fix the failing test" --max-turns 20 --permission-mode acceptEdits',
  ];
  static override args = {
    prompt: Args.string({ description: 'The prompt (or pipe it on stdin).', required: false }),
  };
  static override flags = {
    'input-format': Flags.string({
      ...oclifFlagOptions(P['input-format']),
      options: [...P['input-format'].options],
      default: P['input-format'].default,
    }),
    'permission-prompt-tool': Flags.string(oclifFlagOptions(P['permission-prompt-tool'])),
    'api-key-helper': Flags.string(oclifFlagOptions(P['api-key-helper'])),
    'include-partial-messages': Flags.boolean(oclifFlagOptions(P['include-partial-messages'])),
    'session-id': Flags.string(oclifFlagOptions(P['session-id'])),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Prompt);
    const code = await runPromptCommand(args.prompt, flags);
    if (code !== 0) process.exitCode = code;
  }
}
