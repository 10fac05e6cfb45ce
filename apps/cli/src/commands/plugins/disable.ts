import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';

export default class PluginsDisable extends BaseCommand {
  static override aliases = ['plugin disable'];
  static override summary = 'Disable an installed plugin (it stays installed).';
  static override examples = ['<%= config.bin %> plugins disable formatter'];
  static override args = { name: Args.string({ description: 'Plugin name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginsDisable);
    const { disablePlugin } = await import('@claw/plugins');
    const record = await withDomainErrors(() =>
      disablePlugin({ configHome: configHomeFrom(process.env) }, args.name),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'plugin_disabled', plugin: record });
    else process.stdout.write(`Disabled plugin "${record.name}".\n`);
  }
}
