const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns a code point takes: 2 for East Asian wide and emoji, 0 for combining marks, 1 otherwise. */
function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f))
    return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function visibleWidth(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) width += codePointWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/**
 * Wraps one styled line to `width` columns at spaces (hard-breaking words longer than a line). SGR codes
 * open at a break are closed at the end of the row and reopened on the next, so a wrapped bold phrase stays
 * bold without bleeding into the gutter.
 */
export function wrapAnsi(line: string, width: number, indent = ''): string[] {
  if (width <= 0 || visibleWidth(line) <= width) return [line];
  const rows: string[] = [];
  const active = new Map<string, string>();
  let row = '';
  let rowWidth = 0;
  let lastSpace = -1;
  const pushRow = (text: string) => {
    rows.push(active.size ? `${text}\u001b[0m` : text);
  };
  const reopen = () => [...active.values()].join('');
  const tokens = line.match(/\u001b\[[0-9;]*m|[\s\S]/gu) ?? [];
  for (const token of tokens) {
    if (token.startsWith('\u001b[')) {
      trackSgr(active, token);
      row += token;
      continue;
    }
    const w = codePointWidth(token.codePointAt(0) ?? 0);
    if (rowWidth + w > width) {
      if (token === ' ') {
        pushRow(row);
        row = indent + reopen();
        rowWidth = visibleWidth(indent);
        lastSpace = -1;
        continue;
      }
      if (lastSpace > 0) {
        const carry = row.slice(lastSpace + 1);
        pushRow(row.slice(0, lastSpace));
        row = indent + reopen() + carry;
      } else {
        pushRow(row);
        row = indent + reopen();
      }
      rowWidth = visibleWidth(row);
      lastSpace = -1;
    }
    if (token === ' ') lastSpace = row.length;
    row += token;
    rowWidth += w;
  }
  if (stripAnsi(row).trim() || rows.length === 0) rows.push(row);
  return rows;
}

const CLOSERS: Record<string, string[]> = {
  '22': ['1', '2'],
  '23': ['3'],
  '24': ['4'],
  '27': ['7'],
  '39': ['31', '32', '33', '34', '35', '36', '37', '90', '91', '92', '93', '94', '95', '96', '97'],
};

function trackSgr(active: Map<string, string>, token: string): void {
  const code = token.slice(2, -1);
  if (code === '0' || code === '') {
    active.clear();
    return;
  }
  const closes = CLOSERS[code];
  if (closes) {
    for (const c of closes) active.delete(c);
    return;
  }
  active.set(code, token);
}
