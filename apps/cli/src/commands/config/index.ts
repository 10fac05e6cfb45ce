import ConfigList from './list.js';

/** `claw config` alone lists, as `claw config list` does. */
export default class Config extends ConfigList {
  // Not the list command's aliases, which this class would inherit.
  static override aliases: string[] = [];
  static override summary = 'List effective settings (same as `claw config list`); see also get, set, unset.';
  static override examples = [
    '<%= config.bin %> config',
    '<%= config.bin %> config get model',
    '<%= config.bin %> config set model opus --scope user',
  ];
}
