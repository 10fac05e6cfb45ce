import SkillsList from './list.js';

/** `claw skills` alone lists, as `claw skills list` does. */
export default class Skills extends SkillsList {
  // Not the list command's aliases, which this class would inherit.
  static override aliases = ['skill'];
  static override summary = 'List skills (same as `claw skills list`); see also show, install, uninstall.';
  static override examples = [
    '<%= config.bin %> skills',
    '<%= config.bin %> skills install ./my-skill',
    '<%= config.bin %> skills show my-skill',
  ];
}
