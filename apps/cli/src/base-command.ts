import { Command, type Interfaces } from '@oclif/core';
import { CliError, EXIT_USAGE } from './cli-error.js';
import { globalFlags, type OutputFormat } from './global-flags.js';

export type GlobalFlags = Interfaces.InferredFlags<typeof globalFlags>;

/**
 * Every claw command: global flags, and one place that turns errors into SPEC §1 exit codes and, in json
 * modes, the `{"type":"error",...}` object.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = globalFlags;

  protected outputFormat(flags: { 'output-format'?: string | undefined }): OutputFormat {
    return (flags['output-format'] as OutputFormat | undefined) ?? 'text';
  }

  protected isJson(flags: { 'output-format'?: string | undefined }): boolean {
    return this.outputFormat(flags) !== 'text';
  }

  protected writeJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value)}\n`);
  }

  protected override async catch(
    error: Error & { exitCode?: number; oclif?: { exit?: number } },
  ): Promise<void> {
    const json = this.argvWantsJson();
    let kind = 'internal';
    let hint: string | undefined;
    let exitCode = 1;
    if (error instanceof CliError) {
      kind = error.kind;
      hint = error.hint;
      exitCode = error.exitCode;
    } else if (error.oclif?.exit !== undefined && error.oclif.exit !== 0) {
      // oclif's own parse errors (unknown flag, bad option value, missing argument).
      kind = 'usage';
      exitCode = EXIT_USAGE;
      hint = 'Run `claw --help` for usage.';
    } else if (error.oclif?.exit === 0) {
      return;
    }
    const message = stripAnsi(error.message);
    if (json)
      process.stdout.write(
        `${JSON.stringify({ type: 'error', kind, message, ...(hint ? { hint } : {}) })}\n`,
      );
    process.stderr.write(`error: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
    if (kind === 'internal' && process.env.CLAW_DEBUG) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = exitCode;
  }

  private argvWantsJson(): boolean {
    const argv = this.argv;
    const i = argv.findIndex((t) => t === '--output-format' || t.startsWith('--output-format='));
    const fromEnv = process.env.CLAW_OUTPUT_FORMAT;
    if (i === -1) return fromEnv === 'json' || fromEnv === 'stream-json';
    const token = argv[i] ?? '';
    const value = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[i + 1];
    return value === 'json' || value === 'stream-json';
  }
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
