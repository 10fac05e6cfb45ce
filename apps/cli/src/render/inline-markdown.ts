import type { Style } from './style.js';

/**
 * Inline Markdown on one line: `code`, **bold**, *italic* / _italic_, ~~strike~~ (shown dim), [text](url).
 * Code spans are cut out first so markers inside them stay literal.
 */
export function renderInline(text: string, style: Style): string {
  const parts = text.split(/(`+[^`]+`+)/);
  return parts
    .map((part, index) => {
      if (index % 2 === 1) return style.enabled ? style.cyan(part.replace(/^`+|`+$/g, '')) : part;
      return part
        .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a?: string, b?: string) => style.bold(a ?? b ?? ''))
        .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, (_m, pre: string, t: string) => pre + style.italic(t))
        .replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, (_m, pre: string, t: string) => pre + style.italic(t))
        .replace(/~~([^~]+)~~/g, (_m, t: string) => style.dim(t))
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) =>
          style.enabled
            ? `${style.underline(style.blue(label))} ${style.gray(`(${url})`)}`
            : `${label} (${url})`,
        );
    })
    .join('');
}
