/**
 * The argument syntax of the commands the permission policy reads paths from: which words are options,
 * option values and operands. Shared by `read-operands.ts` (table-driven commands) and
 * `read-operands-special.ts` (commands with their own grammar).
 */

/** One word of a command, as the analyser left it. */
export interface OperandWord {
  /** The word after quote removal, or its source text when `dynamic` (`"$HOME"/x`, `$(pwd)`). */
  text: string;
  dynamic: boolean;
  /** Bash may expand it as a glob (an unquoted `*`, `?` or `[`): `'*.ts'` is one literal name. */
  globbing: boolean;
  /** Index of the word in the command's argv (a value attached to an option shares its option's index). */
  index: number;
}

/** What a command reads, by its own argument syntax. */
export interface ReadOperands {
  /** Files it reads, or directories it lists or walks. */
  reads: OperandWord[];
  /** The directory it moves the shell (or the command it runs) into: `cd DIR`, `pushd DIR`, `env -C DIR`. */
  chdir?: OperandWord;
  /** Reads its working directory when it names no path (`ls`, `find`, `grep -r`, `rg`). */
  readsCwd: boolean;
  /** Walks directories following the symlinks inside them (`grep -R`, `find -L`, `diff -r`). */
  followsLinks: boolean;
  /** Reads the content of every file under its directories (`grep -r`, `rg`, `git grep`, `diff -r`). */
  recursive?: boolean;
  /** Paths inside the repository's history or index (`git show HEAD:.env`, `git show :.env`). */
  treeReads?: OperandWord[];
  /** Words that are data, not paths — unless bash expands them as a glob (`echo ~/.ssh/*` lists a directory). */
  globs: OperandWord[];
  /** Every argument is data (`echo`, `printf`, `test`): no option of the command opens a file. */
  dataOnly?: true;
  /** Leaves the shell's working directory unknown (`cd -`, `popd`). */
  unknownCwd?: string;
}

export interface OptionSpec {
  /**
   * Options whose value is not a path (`-n 5`, `--max-count=3`). Never list an option whose value is
   * optional (`--color[=WHEN]`, `od -w[N]`): the next word would be skipped when it is really a path.
   */
  values: ReadonlySet<string>;
  /** Options whose value names a file the command reads (`grep -f FILE`, `--exclude-from=FILE`). */
  paths: ReadonlySet<string>;
}

export interface ParsedArgs {
  positionals: OperandWord[];
  /** Values of path options, and of unknown `--opt=value` options (assumed to be paths: the safe side). */
  pathValues: OperandWord[];
  /** Every option seen: long ones as written before `=`, short ones letter by letter (`-rn` → `-r`, `-n`). */
  seen: Set<string>;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

export const optionSpec = (values: string, paths = ''): OptionSpec => ({
  values: words(values),
  paths: words(paths),
});

/**
 * Splits a command's arguments into options, option values and positionals, GNU style: `--` ends options,
 * `-` is a positional, short options bundle (`-rn`) and take their value attached (`-n5`) or next. An
 * unknown short option is assumed to take no value, so a value it did take is checked as a path; a bundle
 * holding characters no option letter has (`-x/etc/passwd`) is checked as a path too.
 */
export function parseArgs(args: readonly OperandWord[], spec: OptionSpec): ParsedArgs {
  const out: ParsedArgs = { positionals: [], pathValues: [], seen: new Set() };
  let afterDashDash = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as OperandWord;
    const text = arg.text;
    if (afterDashDash || text === '-' || !text.startsWith('-') || arg.dynamic) {
      out.positionals.push(arg);
      continue;
    }
    if (text === '--') {
      afterDashDash = true;
      continue;
    }
    const next = (): OperandWord | undefined => args[++i];
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = eq < 0 ? text : text.slice(0, eq);
      out.seen.add(name);
      const attached = eq < 0 ? undefined : { ...arg, text: text.slice(eq + 1) };
      if (spec.paths.has(name)) pushDefined(out.pathValues, attached ?? next());
      else if (spec.values.has(name)) {
        if (attached === undefined) i++;
      } else if (attached !== undefined) out.pathValues.push(attached);
      continue;
    }
    for (let j = 1; j < text.length; j++) {
      const option = `-${text[j]}`;
      const rest = text.slice(j + 1);
      if (!/[A-Za-z0-9]/.test(text[j] ?? '')) {
        out.pathValues.push({ ...arg, text: text.slice(j) });
        break;
      }
      out.seen.add(option);
      if (spec.paths.has(option)) {
        pushDefined(out.pathValues, rest === '' ? next() : { ...arg, text: rest });
        break;
      }
      if (spec.values.has(option)) {
        if (rest === '') i++;
        break;
      }
    }
  }
  return out;
}

function pushDefined(list: OperandWord[], word: OperandWord | undefined): void {
  if (word !== undefined) list.push(word);
}

export const hasAny = (seen: ReadonlySet<string>, options: string): boolean =>
  [...words(options)].some((option) => seen.has(option));
