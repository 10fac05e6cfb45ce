import AgentsList from './list.js';

/** `claw agents` alone lists, as `claw agents list` does. */
export default class Agents extends AgentsList {
  // Not the list command's aliases, which this class would inherit.
  static override aliases = ['agent'];
  static override summary = 'List agent definitions (same as `claw agents list`); see also show, create.';
  static override examples = [
    '<%= config.bin %> agents',
    '<%= config.bin %> agents show reviewer',
    '<%= config.bin %> agents create reviewer --description "Reviews diffs" --prompt "You review code."',
  ];
}
