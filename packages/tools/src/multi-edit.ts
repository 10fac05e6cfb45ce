import { z } from 'zod';
import { runEdits } from './edit.js';
import type { Tool } from './tool.js';

const multiEditInput = z.strictObject({
  file_path: z.string().describe('Absolute path of the file to modify.'),
  edits: z
    .array(
      z.strictObject({
        old_string: z.string().describe('The exact text to replace.'),
        new_string: z.string().describe('The replacement text.'),
        replace_all: z.boolean().optional().describe('Replace every occurrence (default false).'),
      }),
    )
    .min(1)
    .describe('Edits applied in order, each to the result of the previous one.'),
});
export type MultiEditInput = z.infer<typeof multiEditInput>;

const DESCRIPTION = `Makes several exact string replacements in one file in a single, all-or-nothing operation.
- Same rules as Edit for each edit: read the file first; old_string must match exactly and be unique unless replace_all.
- Edits apply in order; each sees the result of the ones before it, so make sure earlier edits do not change text later edits look for.
- If any edit fails, none is applied.
- To create a file, give a first edit with an empty old_string.`;

export function createMultiEditTool(): Tool<MultiEditInput> {
  return {
    name: 'MultiEdit',
    aliases: ['multi_edit'],
    description: DESCRIPTION,
    inputSchema: multiEditInput,
    inputAliases: { path: 'file_path' },
    permission: 'workspace-write',
    concurrencySafe: false,
    ruleSubject: (input) => input.file_path,
    summarize: (input) => `MultiEdit(${input.file_path}, ${input.edits.length} edits)`,
    execute: (input, ctx) => runEdits(ctx, 'MultiEdit', input.file_path, input.edits),
  };
}
