/** A reply that touches every block kind the renderer knows. */
export const SAMPLE_MARKDOWN = `# Plan

Here is **bold**, *italic*, \`inline code\` and a [link](https://example.com).

## Steps
- first item with a fairly long body that should wrap when the terminal is narrow enough to force it
- [x] done task
  - nested item
1. numbered
2) second

> a quote with **emphasis**

\`\`\`ts
// comment
const answer: number = 42; /* block
still comment */ const s = "str";
\`\`\`

| a | b |
|---|---|
| 1 | \`x\` |

---
Last line without newline`;
