/** JS regexes equivalent (for the patterns models write) to what ripgrep runs. */
export interface CompiledPattern {
  /** Tests one line (no newline in it). */
  line: RegExp;
  /** Global, multi-line search over a whole file. */
  whole: RegExp;
}

/**
 * Compiles an rg pattern for the built-in engine. Rust's `.` excludes only `\n` while JS's also excludes
 * `\r`, U+2028 and U+2029, so outside character classes `.` becomes `[^\n]` (or matches anything in
 * multiline-dotall mode). A leading `(?i)` turns on case-insensitivity. Throws SyntaxError on a bad pattern,
 * including syntax JS has and ripgrep's regex engine lacks (see `rejectSyntaxRgLacks`).
 */
export function compileRgPattern(
  pattern: string,
  caseInsensitive: boolean,
  multiline: boolean,
): CompiledPattern {
  rejectSyntaxRgLacks(pattern);
  let source = pattern;
  let insensitive = caseInsensitive;
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    insensitive = true;
  }
  const translated = multiline ? source : translateDots(source);
  const base = `${insensitive ? 'i' : ''}${multiline ? 's' : ''}`;
  return {
    line: withUnicodeFallback(translated, base),
    whole: withUnicodeFallback(translated, `${base}gm`),
  };
}

function withUnicodeFallback(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, `${flags}u`);
  } catch {
    // Unicode mode rejects some escapes Rust accepts (`\-`, `\'`); plain mode is the lenient fallback.
    return new RegExp(source, flags);
  }
}

function translateDots(source: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '\\') {
      out += char + (source[index + 1] ?? '');
      index++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      if (source[index + 1] === '^') out += source[++index];
      if (source[index + 1] === ']') out += source[++index];
      continue;
    }
    out += char === '.' ? '[^\\n]' : char;
  }
  return out;
}

/** Where rg's message would point: the pattern, then a caret line under the offending part. */
function rgParseError(pattern: string, at: number, width: number, message: string): SyntaxError {
  const caret = `${' '.repeat(at)}${'^'.repeat(Math.max(1, width))}`;
  return new SyntaxError(`regex parse error:\n    ${pattern}\n    ${caret}\nerror: ${message}`);
}

const LOOKAROUND_HINT =
  'look-around, including look-ahead and look-behind, is not supported (ripgrep syntax; search for the ' +
  'text itself, or filter the matches afterwards)';
const BACKREFERENCE_HINT = 'backreferences are not supported (ripgrep syntax)';

/**
 * Look-around, backreferences and `{,n}` are errors in ripgrep (its regex crate has none of them) but valid
 * JS. The built-in engine must refuse them as rg does, or the same call would succeed on a machine without
 * rg and fail on one with it. Inside a character class these characters are literals, so classes are skipped.
 */
export function rejectSyntaxRgLacks(pattern: string): void {
  let classDepth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (classDepth === 0 && (/[1-9]/.test(next) || (next === 'k' && pattern[index + 2] === '<')))
        throw rgParseError(pattern, index, 2, BACKREFERENCE_HINT);
      index++;
      continue;
    }
    if (classDepth > 0) {
      if (char === '[') classDepth++;
      else if (char === ']') classDepth--;
      continue;
    }
    if (char === '[') {
      classDepth = 1;
      // A `]` right after `[` or `[^` is a literal, not the end of the class.
      if (pattern[index + 1] === '^') index++;
      if (pattern[index + 1] === ']') index++;
      continue;
    }
    if (char === '(' && pattern[index + 1] === '?') {
      const kind = /^\(\?(<=|<!|=|!)/.exec(pattern.slice(index));
      if (kind) throw rgParseError(pattern, index, kind[0].length, LOOKAROUND_HINT);
    }
    if (char === '{' && pattern[index + 1] === ',' && /^\{,\d*\}/.test(pattern.slice(index)))
      throw rgParseError(pattern, index + 1, 1, 'repetition quantifier expects a valid decimal');
  }
}
