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
 * multiline-dotall mode). A leading `(?i)` turns on case-insensitivity. Throws SyntaxError on a bad pattern.
 */
export function compileRgPattern(
  pattern: string,
  caseInsensitive: boolean,
  multiline: boolean,
): CompiledPattern {
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
