import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';

export default class PluginsUninstall extends BaseCommand {
  static override summary = 'Uninstall a plugin: remove its copy and its registry entry.';
  static override examples = ['<%= config.bin %> plugins uninstall formatter'];
  static override aliases = [
    'plugins rm',
    'plugins remove',
    'plugin uninstall',
    'plugin rm',
    'plugin remove',
  ];
  static override args = { name: Args.string({ description: 'Plugin name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginsUninstall);
    const { uninstallPlugin } = await import('@claw/plugins');
    const record = await withDomainErrors(() =>
      uninstallPlugin({ configHome: configHomeFrom(process.env) }, args.name),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'plugin_uninstalled', plugin: record });
    else process.stdout.write(`Uninstalled plugin "${record.name}".\n`);
  }
}
