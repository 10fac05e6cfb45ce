import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMPT_READY, submit, TURN_DONE, usePtyHarness } from './pty-harness.js';

/** SessionStart/SessionEnd sources and reasons from the REPL's /compact, /clear and /exit, as Claude Code names them. */
const h = usePtyHarness();

function recorded(name: string): Array<Record<string, unknown>> {
  const path = join(h.sandbox.workspace, 'hook-out', `${name}.jsonl`);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('session hooks in the REPL', () => {
  it('fires SessionStart with startup, compact and clear, and SessionEnd with clear and prompt_input_exit', async () => {
    const recorder = (name: string) => ({
      type: 'command',
      command: `mkdir -p hook-out && { cat; echo; } >> hook-out/${name}.jsonl`,
    });
    mkdirSync(h.sandbox.configHome, { recursive: true });
    writeFileSync(
      join(h.sandbox.configHome, 'settings.json'),
      JSON.stringify({
        hooks: {
          SessionStart: [{ hooks: [recorder('SessionStart')] }],
          SessionEnd: [{ hooks: [recorder('SessionEnd')] }],
        },
      }),
    );
    const p = h.start();
    await p.waitFor(PROMPT_READY);
    submit(p, 'PARITY_SCENARIO:streaming_text');
    await p.waitFor(TURN_DONE);
    submit(p, '/compact');
    await p.waitFor(/Compacted \d+ messages into a summary\.\n>\s*$/);
    submit(p, 'after compaction');
    await p.waitFor(/after compaction\n[\s\S]*ctx .*\n>\s*$/);
    submit(p, '/clear');
    await p.waitFor(/Started session .*\(previous: [\w-]+\)/);
    submit(p, 'after clear');
    await p.waitFor(/after clear\n[\s\S]*ctx .*\n>\s*$/);
    submit(p, '/exit');
    await p.waitFor('[exited 0]');

    const starts = recorded('SessionStart');
    const ends = recorded('SessionEnd');
    expect(starts.map((s) => s.source)).toEqual(['startup', 'compact', 'clear']);
    expect(ends.map((e) => e.reason)).toEqual(['clear', 'prompt_input_exit']);
    // The cleared session ends under its own id; the new one starts and ends under the new id.
    expect(ends[0]?.session_id).toBe(starts[0]?.session_id);
    expect(starts[2]?.session_id).not.toBe(starts[0]?.session_id);
    expect(ends[1]?.session_id).toBe(starts[2]?.session_id);
  });
});
