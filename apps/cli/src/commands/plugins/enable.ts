import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';

export default class PluginsEnable extends BaseCommand {
  static override aliases = ['plugin enable'];
  static override summary = 'Enable an installed plugin.';
  static override examples = ['<%= config.bin %> plugins enable formatter'];
  static override args = { name: Args.string({ description: 'Plugin name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginsEnable);
    const { enablePlugin } = await import('@claw/plugins');
    const record = await withDomainErrors(() =>
      enablePlugin({ configHome: configHomeFrom(process.env) }, args.name),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'plugin_enabled', plugin: record });
    else process.stdout.write(`Enabled plugin "${record.name}".\n`);
  }
}
