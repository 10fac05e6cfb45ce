/**
 * git reads configuration from the repository it runs in, and some keys name commands git runs by itself.
 * A repository the model wrote (`evil/{HEAD,config,objects,refs}`, a bare repository git discovers on its
 * own) would turn a "read-only" `git status` into code execution. Command-line configuration
 * (`GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`) beats repository configuration, and
 * `safe.bareRepository` is honoured only from there or from the user's own files, so these entries are
 * appended to the environment of every child process claw starts.
 *
 * What cannot be neutralised this way: diff and filter drivers (`diff.<name>.textconv`, `filter.<name>.clean`)
 * have names of the repository's choosing, and an empty `diff.external` breaks `git diff` instead of
 * disabling it. They need a repository config the model cannot write without asking: writes to any `.git`
 * path ask, and bare repositories are not discovered (below).
 */
export const GIT_HARDENING_FOR_CHILDREN: ReadonlyArray<readonly [key: string, value: string]> = [
  // `core.fsmonitor=<command>` runs on every status/diff; the monitor only makes large repositories faster.
  ['core.fsmonitor', 'false'],
  // A directory with HEAD, config, objects/ and refs/ is not used as a repository unless named with
  // `--git-dir`/`GIT_DIR`: its config is exactly what an attacker controls. Worktrees and submodules work
  // as before; on git < 2.45 `cd .git && git log` needs `git --git-dir=. log`.
  ['safe.bareRepository', 'explicit'],
  // `ext::<command>` remote URLs run a command; a repository config could re-enable them.
  ['protocol.ext.allow', 'never'],
  // `log.showSignature` in a repository config would make `git log` run `gpg.program`.
  ['log.showSignature', 'false'],
];

/**
 * For git commands claw runs itself (the system prompt's `git status`, the REPL's `/diff`): nothing in
 * them needs a hook, a pager or a password prompt.
 */
export const GIT_HARDENING_FOR_CLAW: ReadonlyArray<readonly [key: string, value: string]> = [
  ...GIT_HARDENING_FOR_CHILDREN,
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
];

/**
 * `env` with `entries` appended to git's command-line configuration: entries the user already set in
 * `GIT_CONFIG_COUNT` stay (and come first, so ours win where both name a key). Returns a new object.
 */
export function withGitConfig(
  env: Readonly<Record<string, string | undefined>>,
  entries: ReadonlyArray<readonly [string, string]> = GIT_HARDENING_FOR_CHILDREN,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  const existing = Number.parseInt(result.GIT_CONFIG_COUNT ?? '', 10);
  // A malformed count makes git refuse to run at all; starting over is the only way to add ours.
  let count = Number.isInteger(existing) && existing > 0 ? existing : 0;
  for (const [key, value] of entries) {
    result[`GIT_CONFIG_KEY_${count}`] = key;
    result[`GIT_CONFIG_VALUE_${count}`] = value;
    count += 1;
  }
  result.GIT_CONFIG_COUNT = String(count);
  return result;
}

/**
 * The environment for a git command claw runs itself: the child-process hardening plus no hooks, no
 * pager, no credential prompt, and no index write (which would take `index.lock` from under the user).
 */
export function clawGitEnvironment(
  childEnv: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  return {
    ...withGitConfig(childEnv, GIT_HARDENING_FOR_CLAW),
    GIT_OPTIONAL_LOCKS: '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
  };
}
