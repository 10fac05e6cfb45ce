/** One simple command as written (`FOO=1 git status -s`), before wrappers are looked through. */
export interface RawCommand {
  /** Words after quote removal; a word computed at runtime keeps its source text and is flagged in `dynamic`. */
  argv: string[];
  dynamic: boolean[];
  /** Per word: bash may expand it as a pathname glob (an unquoted `*`, `?` or `[`, or a runtime value). */
  globbing: boolean[];
  /** Names of `NAME=value` prefixes. */
  assignments: string[];
  /** Source text of the command, redirections excluded. */
  text: string;
  /** Where the command's standard input comes from, when a redirection on it says (`<<<`, `<<EOF`, `<`). */
  stdin?: StdinSource;
}

/** A static here-string or heredoc body (`bash <<< 'ls'`), or input the analysis cannot see (`< s.sh`). */
export type StdinSource = { script: string } | { unseen: string };

export interface BashRedirect {
  /** The operator as written: `>`, `>>`, `&>`, `&>>`, `>|`, `>&`, `<`, `<>`, … */
  op: string;
  /** The target path as written (quotes removed); source text when `dynamic`. */
  target: string;
  /** The target is computed at runtime (`> "$OUT"`), so where it points is unknown. */
  dynamic: boolean;
  /** Whether the redirection writes to (creates or truncates) its target. */
  write: boolean;
}

/** What one parse of a script yields, before classification. */
export interface ExtractedScript {
  commands: RawCommand[];
  redirects: BashRedirect[];
  hasSubstitution: boolean;
  /**
   * Variables set outside a command's `NAME=value` prefix: `PATH=./bin; ls`, `export X=…`, `${X:=…}`.
   * `<nameref>` stands for a `declare -n`, which can assign any variable through another name.
   */
  assigned: string[];
  /** A loop or a function body: commands may run again, or later than written (after a later `cd`). */
  mayRerun: boolean;
  unanalyzable?: string;
}

/**
 * A command after analysis. Wrappers (`timeout 5 X`, `xargs X`, `find -exec X ;`, `bash -c 'X'`) carry the
 * commands they run in `inner`, so a deny rule on `rm` also catches `timeout 1 rm`.
 */
export interface BashCommandNode {
  argv: string[];
  /** Per word of `argv`: computed at runtime, so `argv` holds its source text (`"$HOME"/x`, `$(pwd)`). */
  dynamic: boolean[];
  /** Per word of `argv`: bash may expand it as a glob (`*.ts`, not `'*.ts'`). */
  globbing: boolean[];
  text: string;
  /** For inner commands: the wrapper that runs them (`timeout`, `xargs`, `bash -c`, …). */
  via?: string;
  /**
   * Allow rules may look through this command to its `inner` ones: an allow rule covering every inner
   * command covers the wrapper too (`timeout 60 npm test` under `Bash(npm test)`).
   */
  transparent: boolean;
  /** The inner command receives more arguments at runtime (`xargs`), so exact rules must not match it. */
  openArgs: boolean;
  inner: BashCommandNode[];
  /**
   * For a wrapper: the index in `argv` of the last inner command's name (`timeout 60 npm test` → 2). A
   * prefix rule on the wrapper covers it only when it spells the words up to there. Absent for a script
   * (`bash -c '…'`), which only an exact rule covers directly.
   */
  innerAt?: number;
  readOnly: boolean;
  /** `NAME=value` prefixes that can change what runs (`PATH=…`, `LD_PRELOAD=…`): rules must match `text`. */
  unsafeEnv: boolean;
  /** `sudo`/`doas`: never read-only, never covered through a wrapper rule. */
  privileged: boolean;
  /** Why the command is not read-only (empty when it is). */
  reasons: string[];
}

export interface BashAnalysis {
  /** Every command that would run, wrappers and the commands inside them, in source order. */
  commands: Array<{ argv: string[]; text: string; via?: string }>;
  /** The same commands as a tree (wrapper → inner), used for rule coverage. */
  tree: BashCommandNode[];
  redirects: BashRedirect[];
  /** `$( )`, backticks or `<( )`/`>( )` appear somewhere. */
  hasSubstitution: boolean;
  /** Variables set outside a command prefix that can change what runs (`PATH=./bin; ls`): no rule covers them. */
  unsafeAssignments: string[];
  /** A loop or a function body: a command may run after a `cd` written later. */
  mayRerun: boolean;
  /** Set when the command cannot be analysed safely; such a command is never auto-allowed by rules. */
  unanalyzable?: string;
  /** Only known read-only commands, no writing redirections, nothing unanalysable. */
  readOnly: boolean;
  /** Human-readable reasons the command is not read-only, for the permission prompt. */
  reasons: string[];
}
