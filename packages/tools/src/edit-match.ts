/** One string replacement as the model asks for it. */
export interface EditRequest {
  old_string: string;
  new_string: string;
  replace_all?: boolean | undefined;
}

export type EditOutcome = { ok: true; text: string; replacements: number } | { ok: false; message: string };

const MAX_LISTED_MATCHES = 10;

/**
 * Applies one edit to LF text under Claude Code's rules: old_string must occur exactly once unless
 * replace_all is set; when it does not occur, the error shows the closest lines so the model can fix its call.
 */
export function applyEdit(text: string, edit: EditRequest, displayPath: string): EditOutcome {
  const oldString = edit.old_string.replace(/\r\n/g, '\n');
  const newString = edit.new_string.replace(/\r\n/g, '\n');
  if (oldString === newString) {
    return { ok: false, message: 'old_string and new_string are identical; there is nothing to change.' };
  }
  if (oldString === '') {
    return {
      ok: false,
      message: `old_string is empty. To create ${displayPath}, use Write; to insert, include neighbouring text.`,
    };
  }
  const positions = findAll(text, oldString);
  if (positions.length === 0) return { ok: false, message: notFoundMessage(text, oldString, displayPath) };
  if (positions.length > 1 && !edit.replace_all) {
    const lines = positions.slice(0, MAX_LISTED_MATCHES).map((position) => lineNumberAt(text, position));
    const more = positions.length > MAX_LISTED_MATCHES ? ', …' : '';
    return {
      ok: false,
      message:
        `Found ${positions.length} matches of old_string in ${displayPath} (at lines ${lines.join(', ')}${more}), but replace_all is false. ` +
        'Set replace_all to true to replace every one, or add surrounding lines to old_string so it matches exactly one place.',
    };
  }
  if (!edit.replace_all) {
    const at = positions[0]!;
    return {
      ok: true,
      text: text.slice(0, at) + newString + text.slice(at + oldString.length),
      replacements: 1,
    };
  }
  return { ok: true, text: text.split(oldString).join(newString), replacements: positions.length };
}

function findAll(text: string, needle: string): number[] {
  const positions: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length))
    positions.push(at);
  return positions;
}

function lineNumberAt(text: string, position: number): number {
  let line = 1;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < position;
    index = text.indexOf('\n', index + 1)
  )
    line++;
  return line;
}

function notFoundMessage(text: string, oldString: string, displayPath: string): string {
  const parts = [
    `old_string was not found in ${displayPath}. It must match the file exactly, including whitespace and indentation.`,
  ];
  if (
    /^\s*\d+\t/m.test(oldString) &&
    oldString.split('\n').every((line) => line === '' || /^\s*\d+\t/.test(line))
  ) {
    parts.push(
      'It looks like it contains line numbers from Read output: drop the number and tab prefix of each line.',
    );
  }
  const candidate = closestCandidate(text.split('\n'), oldString.split('\n'));
  if (candidate) {
    const { start, lines, whitespaceOnly, similarity } = candidate;
    const what = whitespaceOnly
      ? 'matches when whitespace is ignored — check indentation, tabs vs spaces and trailing spaces'
      : `is the closest match (${Math.round(similarity * 100)}% similar)`;
    const shown = lines
      .map((line, index) => `${String(start + index + 1).padStart(6, ' ')}\t${line}`)
      .join('\n');
    parts.push(`Lines ${start + 1}-${start + lines.length} ${what}:\n${shown}`);
  }
  parts.push('Read the file again if it may have changed.');
  return parts.join('\n');
}

interface Candidate {
  start: number;
  lines: string[];
  whitespaceOnly: boolean;
  similarity: number;
}

/** Compare lines ignoring whitespace runs, since indentation drift is the usual cause of a miss. */
function normalise(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** Below this, the "closest" lines are noise and showing them would mislead. */
const MIN_SIMILARITY = 0.5;
/** Bounds the quadratic search on huge files with long old_strings. */
const MAX_LINE_COMPARISONS = 2_000_000;

/**
 * The window of file lines most like old_string: first whole-window whitespace-insensitive equality, then
 * the best average per-line bigram similarity. Cheap enough for files of tens of thousands of lines.
 */
function closestCandidate(fileLines: string[], oldLines: string[]): Candidate | undefined {
  while (oldLines.length > 1 && oldLines[oldLines.length - 1] === '') oldLines = oldLines.slice(0, -1);
  const window = oldLines.length;
  if (window === 0 || fileLines.length === 0) return undefined;
  const oldNormalised = oldLines.map(normalise);
  const fileNormalised = fileLines.map(normalise);
  const oldJoined = oldNormalised.join('\n');
  for (let start = 0; start + window <= fileLines.length; start++) {
    if (fileNormalised.slice(start, start + window).join('\n') === oldJoined) {
      return { start, lines: fileLines.slice(start, start + window), whitespaceOnly: true, similarity: 1 };
    }
  }
  const oldGrams = oldNormalised.map(bigrams);
  const fileGrams = new Map<number, Set<string>>();
  const gramsAt = (index: number) => {
    let grams = fileGrams.get(index);
    if (!grams) {
      grams = bigrams(fileNormalised[index]!);
      fileGrams.set(index, grams);
    }
    return grams;
  };
  const starts = Math.max(1, fileLines.length - window + 1);
  const stride = Math.max(1, Math.ceil((starts * window) / MAX_LINE_COMPARISONS));
  let best: Candidate | undefined;
  for (let start = 0; start < starts; start += stride) {
    let total = 0;
    const span = Math.min(window, fileLines.length - start);
    for (let offset = 0; offset < span; offset++) total += dice(oldGrams[offset]!, gramsAt(start + offset));
    const similarity = total / window;
    if (!best || similarity > best.similarity) {
      best = { start, lines: fileLines.slice(start, start + span), whitespaceOnly: false, similarity };
    }
  }
  return best && best.similarity >= MIN_SIMILARITY ? best : undefined;
}

function bigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let index = 0; index < text.length - 1; index++) grams.add(text.slice(index, index + 2));
  if (text.length === 1) grams.add(text);
  return grams;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const gram of small) if (large.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}
