import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';

export default class SessionsExport extends BaseCommand {
  static override aliases = ['session export'];
  static override summary = 'Export a session as Markdown or JSON, to stdout or a file.';
  static override description =
    `Markdown is the conversation for reading; JSON is {id, meta, title, messages, usage,
costUsd, todos, warnings} — the conversation as the model would see it next.`;
  static override examples = [
    '<%= config.bin %> sessions export latest',
    '<%= config.bin %> sessions export 2025 --format json --out session.json',
  ];
  static override args = {
    id: Args.string({ description: 'Session id, unique prefix, or "latest".', required: true }),
  };
  static override flags = {
    format: Flags.string({
      description: 'Export format.',
      options: ['markdown', 'json'],
      default: 'markdown',
    }),
    out: Flags.string({ char: 'o', description: 'Write to this file instead of stdout.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SessionsExport);
    const { SessionStore, exportSession } = await import('@claw/runtime');
    const store = new SessionStore({ workspaceRoot: workspaceFrom(flags) });
    const { id, text } = await withDomainErrors(async () => {
      const session = await store.open(args.id, { readOnly: true });
      return { id: session.id, text: await exportSession(session, flags.format as 'markdown' | 'json') };
    });
    if (!flags.out) {
      process.stdout.write(text);
      return;
    }
    const out = resolve(flags.out);
    await writeFile(out, text, 'utf8');
    if (this.isJson(flags)) this.writeJson({ type: 'session_exported', id, format: flags.format, path: out });
    else process.stdout.write(`Exported session ${id} to ${out}.\n`);
  }
}
