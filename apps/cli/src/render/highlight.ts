import type { Style } from './style.js';

/**
 * A small line-at-a-time highlighter: keywords, strings, numbers and comments for the languages people paste
 * most. It carries only "inside a block comment" between lines, which is what lets a streamed code block be
 * coloured as each line completes. A full grammar engine (highlight.js, shiki) would cost more start-up time
 * than the REPL budget allows and still need whole blocks.
 */
export interface HighlightState {
  inBlockComment: boolean;
}

interface Grammar {
  keywords: Set<string>;
  lineComment: string[];
  blockComment?: [string, string];
}

const words = (s: string) => new Set(s.split(' '));

const C_LIKE_BLOCK: [string, string] = ['/*', '*/'];
const JS = words(
  'const let var function return if else for while do break continue switch case default new class extends import export from as async await try catch finally throw typeof instanceof in of this super null undefined true false void yield interface type enum implements private public protected readonly static declare',
);
const GRAMMARS: Record<string, Grammar> = {
  js: { keywords: JS, lineComment: ['//'], blockComment: C_LIKE_BLOCK },
  python: {
    keywords: words(
      'def return if elif else for while break continue class import from as try except finally raise with lambda yield pass None True False and or not in is async await global nonlocal',
    ),
    lineComment: ['#'],
  },
  rust: {
    keywords: words(
      'fn let mut pub struct enum impl trait use mod crate self Self super return if else match for while loop break continue as where async await move ref static const unsafe true false dyn type',
    ),
    lineComment: ['//'],
    blockComment: C_LIKE_BLOCK,
  },
  go: {
    keywords: words(
      'func package import return if else for range switch case default break continue go defer chan map struct interface type var const nil true false select',
    ),
    lineComment: ['//'],
    blockComment: C_LIKE_BLOCK,
  },
  c: {
    keywords: words(
      'int char void return if else for while do break continue switch case default struct typedef static const unsigned long short double float sizeof include define public private class namespace template new delete true false null',
    ),
    lineComment: ['//'],
    blockComment: C_LIKE_BLOCK,
  },
  shell: {
    keywords: words(
      'if then else elif fi for in do done while case esac function return export local echo cd',
    ),
    lineComment: ['#'],
  },
  json: { keywords: words('true false null'), lineComment: [] },
};

const ALIASES: Record<string, string> = {
  javascript: 'js',
  ts: 'js',
  typescript: 'js',
  tsx: 'js',
  jsx: 'js',
  mjs: 'js',
  py: 'python',
  rs: 'rust',
  golang: 'go',
  cpp: 'c',
  'c++': 'c',
  h: 'c',
  java: 'c',
  cs: 'c',
  csharp: 'c',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  console: 'shell',
};

export function grammarFor(lang: string): Grammar | undefined {
  const key = lang.toLowerCase();
  return GRAMMARS[ALIASES[key] ?? key];
}

export function highlightLine(
  line: string,
  lang: string,
  state: HighlightState,
  style: Style,
): { text: string; state: HighlightState } {
  const grammar = grammarFor(lang);
  if (!grammar || !style.enabled) return { text: line, state };
  let out = '';
  let i = 0;
  let inBlock = state.inBlockComment;
  while (i < line.length) {
    if (inBlock && grammar.blockComment) {
      const end = line.indexOf(grammar.blockComment[1], i);
      const stop = end === -1 ? line.length : end + grammar.blockComment[1].length;
      out += style.gray(line.slice(i, stop));
      i = stop;
      inBlock = end === -1;
      continue;
    }
    const rest = line.slice(i);
    if (grammar.blockComment && rest.startsWith(grammar.blockComment[0])) {
      inBlock = true;
      out += style.gray(grammar.blockComment[0]);
      i += grammar.blockComment[0].length;
      continue;
    }
    if (grammar.lineComment.some((c) => rest.startsWith(c))) {
      out += style.gray(rest);
      break;
    }
    const ch = line[i] as string;
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
      out += style.green(line.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(rest)?.[0];
    if (word) {
      out += grammar.keywords.has(word) ? style.magenta(word) : word;
      i += word.length;
      continue;
    }
    const number = /^\d[\d_.xXa-fA-F]*/.exec(rest)?.[0];
    if (number) {
      out += style.yellow(number);
      i += number.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return { text: out, state: { inBlockComment: inBlock } };
}
