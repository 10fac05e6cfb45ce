/**
 * Which bytes claw treats as text it may rewrite. A change must leave every byte it did not touch as it was,
 * so a file is only decoded when the decoding round-trips exactly: UTF-8 (strict: an invalid byte would turn
 * into U+FFFD and be written back as EF BF BD) or UTF-16 announced by a byte-order mark.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export type DecodedText =
  | { kind: 'text'; encoding: TextEncoding; text: string }
  | { kind: 'binary' }
  /** Not valid in the encoding it seems to be in (a Latin-1 or other legacy file, or corrupt UTF-16). */
  | { kind: 'undecodable'; encoding: TextEncoding };

/** The encoding the first bytes announce: a UTF-16 BOM, else UTF-8 (whose BOM needs no special case). */
export function sniffEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** UTF-16 text is full of NUL bytes; for anything else a NUL means binary, as for rg and git. */
export function looksBinary(head: Uint8Array): boolean {
  return sniffEncoding(head) === 'utf-8' && head.includes(0);
}

/**
 * Decodes a whole file. The BOM stays in the text (as U+FEFF) so the file's style can keep it; decoding is
 * strict, so `encodeText(text, encoding)` gives back the same bytes.
 */
export function decodeText(buffer: Uint8Array): DecodedText {
  const encoding = sniffEncoding(buffer);
  if (encoding === 'utf-8' && buffer.includes(0)) return { kind: 'binary' };
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(buffer);
    return { kind: 'text', encoding, text };
  } catch (error) {
    if (isDecodeError(error)) return { kind: 'undecodable', encoding };
    throw error;
  }
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const littleEndian = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? littleEndian : littleEndian.swap16();
}

/** What `TextDecoder` throws with `fatal: true` on bytes that are not valid in its encoding. */
export function isDecodeError(error: unknown): boolean {
  return (
    error instanceof TypeError && (error as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
  );
}

/** Said to the model when a file is refused because it is not valid text in its encoding. */
export function undecodableMessage(displayPath: string, encoding: TextEncoding): string {
  const what = encoding === 'utf-8' ? 'valid UTF-8' : `valid ${encoding.toUpperCase()} (it has a BOM)`;
  return (
    `${displayPath} is not ${what}; it may be Latin-1 or another legacy encoding. Editing it would change ` +
    'bytes you did not touch, so it was left as it is. Replace the whole file with Write (it is then saved ' +
    'as UTF-8), or convert it first, e.g. with Bash: iconv -f latin1 -t utf-8.'
  );
}
