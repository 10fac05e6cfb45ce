/**
 * Hook matchers, as Claude Code: '' / '*' / absent match everything; a string of names joined by `|`
 * (`Edit|Write`) matches those names exactly; anything else is a JavaScript regex tested against the name.
 * claw's tools have aliases (`write_file` is `Write`), so a matcher matches a call when it matches the called
 * name or any name of the same tool.
 */

/** Canonical tool name → its aliases, e.g. `{ Write: ['write_file'] }`. */
export type ToolAliasMap = Readonly<Record<string, readonly string[]>>;

/** Every name the tool called `name` answers to, `name` first. */
export function toolNameVariants(name: string, aliases: ToolAliasMap): string[] {
  const names = new Set<string>([name]);
  for (const [canonical, others] of Object.entries(aliases)) {
    if (canonical === name || others.includes(name)) {
      names.add(canonical);
      for (const other of others) names.add(other);
    }
  }
  return [...names];
}

const NAME_LIST = /^[\w|-]+$/;

export function matcherMatches(matcher: string | undefined, names: readonly string[]): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return true;
  if (NAME_LIST.test(matcher)) {
    const wanted = matcher.split('|').filter(Boolean);
    return names.some((n) => wanted.includes(n));
  }
  let regex: RegExp;
  try {
    regex = new RegExp(matcher);
  } catch {
    // Config validation drops bad regexes; one arriving here anyway matches nothing rather than everything.
    return false;
  }
  return names.some((n) => regex.test(n));
}
