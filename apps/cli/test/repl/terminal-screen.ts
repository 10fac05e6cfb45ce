/** What a terminal shows after `output`: CR, LF, cursor up and erase-below applied, rows joined by \n. */
export function render(output: string): string {
  const rows: string[] = [''];
  let row = 0;
  let col = 0;
  const pattern = /\u001b\[(\d*)([A-Za-z])|\r|\n|[^\u001b\r\n]+/g;
  for (const [token, count, command] of output.matchAll(pattern)) {
    if (token === '\r') col = 0;
    else if (token === '\n') {
      row += 1;
      rows[row] ??= '';
    } else if (command === 'A') row = Math.max(0, row - Number(count || 1));
    else if (command === 'J') {
      rows.length = row + 1;
      rows[row] = (rows[row] ?? '').slice(0, col);
    } else if (command === undefined) {
      const line = (rows[row] ?? '').padEnd(col);
      rows[row] = line.slice(0, col) + token + line.slice(col + token.length);
      col += token.length;
    }
  }
  return rows.join('\n');
}
