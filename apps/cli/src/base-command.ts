import { Command, type Interfaces } from '@oclif/core';
import { wantsJson } from './argv-router.js';
import { globalFlags, type OutputFormat } from './global-flags.js';
import { reportCommandError } from './report-error.js';

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
    const code = reportCommandError(error, wantsJson(this.argv));
    if (code !== 0) process.exitCode = code;
  }
}
