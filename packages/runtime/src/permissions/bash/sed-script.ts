/**
 * Whether a sed script only prints. sed can write files (`w FILE`, `s/a/b/w FILE`) and run commands
 * (`e`, `s/a/b/e`), so `sed -n 1,10p` is read-only but `sed 's/x/y/w out'` is not. The scanner follows
 * GNU sed's command syntax far enough to find those commands; anything it does not understand counts as
 * unsafe.
 */
export function isReadOnlySedScript(script: string): boolean {
  return scanSedScript(script).readOnly;
}

/**
 * Scans a sed script: whether it only prints, and the files its `r FILE` / `R FILE` commands read (GNU sed
 * takes the rest of the line as the name). `readOnly: false` also means the file list may be incomplete.
 */
export function scanSedScript(script: string): { readOnly: boolean; reads: string[] } {
  const reads: string[] = [];
  const unsafe = { readOnly: false, reads };
  let i = 0;
  const n = script.length;
  const skipSpace = (): void => {
    while (i < n && /[\s;]/.test(script[i] ?? '')) i++;
  };
  // Reads a delimited part (`/regex/`, the two halves of `s`), honouring backslash escapes.
  const readDelimited = (delimiter: string): boolean => {
    while (i < n) {
      const ch = script[i];
      if (ch === '\\') i += 2;
      else if (ch === delimiter) {
        i++;
        return true;
      } else i++;
    }
    return false;
  };
  const skipAddress = (): boolean => {
    for (;;) {
      const ch = script[i];
      if (ch === undefined) return true;
      if (/[0-9$,~+!\s]/.test(ch)) i++;
      else if (ch === '/') {
        i++;
        if (!readDelimited('/')) return false;
        while (/[IM]/.test(script[i] ?? '')) i++;
      } else if (ch === '\\') {
        const delimiter = script[i + 1];
        if (delimiter === undefined) return false;
        i += 2;
        if (!readDelimited(delimiter)) return false;
      } else return true;
    }
  };
  const skipToLineEnd = (): void => {
    while (i < n && script[i] !== '\n') i++;
  };

  while (i < n) {
    skipSpace();
    if (i >= n) break;
    if (!skipAddress()) return unsafe;
    const command = script[i];
    if (command === undefined) break;
    i++;
    if (command === '{' || command === '}' || command === '#') {
      if (command === '#') skipToLineEnd();
      continue;
    }
    if (command === 's' || command === 'y') {
      const delimiter = script[i];
      if (delimiter === undefined || delimiter === '\n' || delimiter === '\\') return unsafe;
      i++;
      if (!readDelimited(delimiter) || !readDelimited(delimiter)) return unsafe;
      const flagsStart = i;
      while (i < n && /[a-zA-Z0-9]/.test(script[i] ?? '')) i++;
      if (/[weWE]/.test(script.slice(flagsStart, i))) return unsafe;
      continue;
    }
    if ('aicrR'.includes(command)) {
      // Appended text and file names to read run to the end of the line.
      const start = i;
      skipToLineEnd();
      const name = script.slice(start, i).trim();
      if ((command === 'r' || command === 'R') && name !== '') reads.push(name);
      continue;
    }
    if (':btTvlLqQ'.includes(command)) {
      // Labels and numeric arguments end at `;` or a newline; what follows is another command.
      while (i < n && script[i] !== ';' && script[i] !== '\n') i++;
      continue;
    }
    if ('pPdDnNgGhHxz=F'.includes(command)) continue;
    // `w`, `W`, `e` and anything unknown.
    return unsafe;
  }
  return { readOnly: true, reads };
}
