import { BaseCommand } from '../base-command.js';
import { usageError } from '../cli-error.js';

export default class Repl extends BaseCommand {
  static override summary =
    'Interactive session in the current workspace (the default when stdin is a terminal).';
  static override description =
    `Type a prompt and press Enter. Slash commands (/help lists them), !cmd runs a shell command,
@path attaches a file. Ctrl-C or Esc interrupts a running turn; Ctrl-C twice at an empty prompt exits.
See docs/repl.md for every key.`;
  static override examples = [
    '<%= config.bin %>',
    '<%= config.bin %> --continue',
    '<%= config.bin %> --model opus',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(Repl);
    if (flags.continue && flags.resume) throw usageError('Use either --continue or --resume, not both.');
    if (!process.stdin.isTTY) {
      throw usageError('The REPL needs a terminal on stdin.', 'Pipe a prompt instead: echo "…" | claw -p');
    }
    // The REPL's modules load only here, so `claw --help` never pays for them.
    const { startRepl } = await import('../repl/start-repl.js');
    await startRepl(flags);
  }
}
