/**
 * The byte-level style of a text file that the model never sees: it reads and writes plain LF text, and the
 * file keeps its BOM, its line endings and whether it ends with a newline.
 */
export interface TextStyle {
  bom: boolean;
  eol: '\n' | '\r\n';
  finalNewline: boolean;
}

export function detectTextStyle(raw: string): TextStyle {
  const bom = raw.startsWith('\uFEFF');
  const crlf = countOccurrences(raw, '\r\n');
  const lf = countOccurrences(raw, '\n') - crlf;
  return { bom, eol: crlf > lf ? '\r\n' : '\n', finalNewline: raw.endsWith('\n') };
}

/**
 * The style a change must keep: the existing file's, unless it has no text (new, or empty). An empty file has
 * no line endings or final newline to keep, so the new text is taken as written (only a BOM is kept).
 */
export function styleToKeep(raw: string | undefined, newText: string): TextStyle | undefined {
  if (raw !== undefined && toModelText(raw) !== '') return detectTextStyle(raw);
  if (!raw?.startsWith('\uFEFF')) return undefined;
  return { bom: true, eol: newText.includes('\r\n') ? '\r\n' : '\n', finalNewline: newText.endsWith('\n') };
}

/** The file's text as the model should see and match it: no BOM, LF line endings. */
export function toModelText(raw: string): string {
  const withoutBom = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  return withoutBom.replace(/\r\n/g, '\n');
}

/** Re-applies a file's style to text written by the model. */
export function applyTextStyle(text: string, style: TextStyle): string {
  let body = text.replace(/\r\n/g, '\n');
  if (style.finalNewline && body.length > 0 && !body.endsWith('\n')) body += '\n';
  if (!style.finalNewline) body = body.replace(/\n+$/, '');
  if (style.eol === '\r\n') body = body.replace(/\n/g, '\r\n');
  return style.bom ? `\uFEFF${body}` : body;
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length))
    count++;
  return count;
}
