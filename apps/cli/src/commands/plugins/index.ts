import PluginsList from './list.js';

/** `claw plugins` alone lists, as `claw plugins list` does. */
export default class Plugins extends PluginsList {
  // Not the list command's aliases, which this class would inherit.
  static override aliases = ['plugin'];
  static override summary =
    'List installed plugins (same as `claw plugins list`); see also install, enable, disable, uninstall.';
  static override examples = [
    '<%= config.bin %> plugins',
    '<%= config.bin %> plugins install ./my-plugin',
    '<%= config.bin %> plugins install ./marketplace --plugin formatter',
  ];
}
