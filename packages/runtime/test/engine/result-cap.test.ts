import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolContext, ToolResult } from '@claw/tools';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capResultOutput, type ToolRuntimeDeps } from '../../src/engine/tool-runtime.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'claw-result-cap-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ctx = (): ToolContext => ({ scratchDir: join(dir, 'scratch') }) as ToolContext;
const deps = (maxOutputChars: number): ToolRuntimeDeps => ({ maxOutputChars }) as unknown as ToolRuntimeDeps;
const image = {
  type: 'image' as const,
  source: { type: 'base64' as const, media_type: 'image/png', data: 'iVBORw0KGgo=' },
};
const textLength = (result: ToolResult): number =>
  typeof result.content === 'string'
    ? result.content.length
    : result.content.reduce((sum, block) => sum + (block.type === 'text' ? block.text.length : 0), 0);

describe('the output cap covers block results (MCP tools) as it covers strings', () => {
  it('one long text block is cut to the cap and saved in full', async () => {
    const long = `HEAD ${'x'.repeat(5000)} TAIL`;
    const out = await capResultOutput(deps(1000), { content: [{ type: 'text', text: long }] }, ctx());
    expect(textLength(out)).toBeLessThanOrEqual(1000);
    const shown = JSON.stringify(out.content);
    expect(shown).toContain('HEAD');
    expect(shown).toContain('TAIL');
    expect(shown).toMatch(/characters \(\d+ lines\) omitted\. Full output saved to/);
    const [saved] = readdirSync(join(dir, 'scratch'));
    expect(readFileSync(join(dir, 'scratch', String(saved)), 'utf8')).toBe(long);
  });

  it('many small blocks count together, and images are kept', async () => {
    const blocks = Array.from({ length: 50 }, (_, index) => ({
      type: 'text' as const,
      text: `row ${index} ${'y'.repeat(100)}`,
    }));
    const out = await capResultOutput(deps(1000), { content: [image, ...blocks, image] }, ctx());
    expect(textLength(out)).toBeLessThanOrEqual(1000);
    expect(Array.isArray(out.content) && out.content.filter((block) => block.type === 'image')).toHaveLength(
      2,
    );
    const saved = readFileSync(join(dir, 'scratch', String(readdirSync(join(dir, 'scratch'))[0])), 'utf8');
    expect(saved).toContain('row 0 ');
    expect(saved).toContain('row 49 ');
  });

  it('blocks within the cap are passed through untouched', async () => {
    const result: ToolResult = { content: [{ type: 'text', text: 'short' }, image], isError: true };
    expect(await capResultOutput(deps(1000), result, ctx())).toEqual(result);
  });
});
