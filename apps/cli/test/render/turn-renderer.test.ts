import type { AgentEvent } from '@claw/runtime';
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../src/render/style.js';
import type { TerminalOutput } from '../../src/render/terminal.js';
import { formatToolStart } from '../../src/render/tool-view.js';
import { TurnRenderer } from '../../src/render/turn-renderer.js';

function buffer(isTTY: boolean, columns = 80): TerminalOutput & { text: string } {
  const out = {
    text: '',
    columns,
    isTTY,
    write: (t: string) => {
      out.text += t;
    },
  };
  return out;
}

const diff = '--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-old\n+new\n';
const events: AgentEvent[] = [
  { type: 'turn_start', turn: 1 },
  { type: 'text_delta', text: 'I will **read** it.\n' },
  { type: 'tool_start', toolUseId: 't1', name: 'Read', input: {}, summary: 'Read(src/x.ts)' },
  {
    type: 'tool_end',
    toolUseId: 't1',
    name: 'Read',
    durationMs: 3,
    result: { content: 'l1\nl2\nl3\nl4\nl5\nl6\nl7' },
  },
  { type: 'tool_start', toolUseId: 't2', name: 'Edit', input: {}, summary: 'Edit(src/x.ts)' },
  {
    type: 'tool_end',
    toolUseId: 't2',
    name: 'Edit',
    durationMs: 3,
    result: { content: 'ok', display: { kind: 'diff', path: 'src/x.ts', diff, created: false } },
  },
  { type: 'text_delta', text: 'Done' },
];

describe('TurnRenderer', () => {
  it('renders a turn as plain text for pipes: one-liners, folded results, diffs', () => {
    const out = buffer(false);
    const renderer = new TurnRenderer(out, createStyle(false));
    renderer.begin();
    for (const e of events) renderer.onEvent(e);
    renderer.end();
    expect(out.text).not.toContain('\u001b');
    expect(out.text).toBe(
      [
        'I will read it.',
        '⏺ Read(src/x.ts)',
        '  ⎿  l1',
        '     l2',
        '     l3',
        '     l4',
        '     … 3 more lines',
        '⏺ Edit(src/x.ts)',
        '  ⎿  Updated src/x.ts with +1 -1',
        '     --- a/x.ts',
        '     +++ b/x.ts',
        '     @@ -1 +1 @@',
        '     -old',
        '     +new',
        'Done',
        '',
      ].join('\n'),
    );
  });

  it('previews the unfinished line on a TTY and replaces it when the line completes', () => {
    const out = buffer(true, 10);
    const renderer = new TurnRenderer(out, createStyle(true));
    renderer.onEvent({ type: 'text_delta', text: 'abcdefghijkl' });
    expect(out.text).toBe('abcdefghijkl');
    renderer.onEvent({ type: 'text_delta', text: 'm\n' });
    // 12 previewed columns on a 10-column terminal span 2 rows: up one, clear, then the committed line.
    expect(out.text).toBe('abcdefghijkl\r\u001b[A\u001b[Jabcdefghij\nklm\n');
    renderer.end();
  });

  it('colours diff lines', () => {
    const out = buffer(false);
    const renderer = new TurnRenderer(out, createStyle(true));
    for (const e of events.slice(4, 6)) renderer.onEvent(e);
    expect(out.text).toContain('\u001b[32m+new\u001b[39m');
    expect(out.text).toContain('\u001b[31m-old\u001b[39m');
  });

  const denial = (id: string): AgentEvent => ({
    type: 'permission_denied',
    denial: { tool_name: 'Bash', tool_use_id: id, tool_input: {} },
    reason: 'rm is not allowed',
  });
  const deniedEnd = (id: string): AgentEvent => ({
    type: 'tool_end',
    toolUseId: id,
    name: 'Bash',
    durationMs: 0,
    result: { content: 'Permission to use Bash was denied: rm is not allowed', isError: true },
  });
  const start = (id: string): AgentEvent => ({
    type: 'tool_start',
    toolUseId: id,
    name: 'Bash',
    input: {},
    summary: 'Bash(rm x)',
  });

  it('says a denial once: the denial row, not also the error result', () => {
    const out = buffer(false);
    const renderer = new TurnRenderer(out, createStyle(false));
    for (const e of [start('t1'), denial('t1'), deniedEnd('t1')]) renderer.onEvent(e);
    expect(out.text).toBe('⏺ Bash(rm x)\n  ⎿  Denied Bash: rm is not allowed\n');
  });

  it('leaves a denial given at the permission prompt to the prompt, once', () => {
    const out = buffer(false);
    const renderer = new TurnRenderer(out, createStyle(false));
    renderer.onEvent(start('t1'));
    renderer.deniedByUser();
    for (const e of [denial('t1'), deniedEnd('t1'), start('t2'), denial('t2'), deniedEnd('t2')]) {
      renderer.onEvent(e);
    }
    // The first denial was answered at the prompt (which printed it); the second came from a rule.
    expect(out.text).toBe('⏺ Bash(rm x)\n⏺ Bash(rm x)\n  ⎿  Denied Bash: rm is not allowed\n');
  });

  it.each([
    ['auto', '✻ Compacted 12 messages into a summary (auto)\n'],
    ['manual', ''],
  ] as const)('shows a %s compaction as %j (/compact reports its own)', (trigger, expected) => {
    const out = buffer(false);
    new TurnRenderer(out, createStyle(false)).onEvent({
      type: 'compaction',
      summary: 's',
      replacedCount: 12,
      trigger,
    });
    expect(out.text).toBe(expected);
  });

  it.each([
    ['Read', 'Read(src/x.ts)', '⏺ Read(src/x.ts)'],
    ['Bash', 'ls -la', '⏺ Bash(ls -la)'],
    ['TodoWrite', '', '⏺ TodoWrite'],
  ])('formats %s with summary %j', (name, summary, expected) => {
    expect(formatToolStart(name, summary, createStyle(false))).toBe(expected);
  });
});
