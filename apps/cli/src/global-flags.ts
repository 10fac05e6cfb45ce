import { Flags } from '@oclif/core';
import { type FlagSpec, GLOBAL_FLAG_SPECS as G } from './flag-specs.js';

export { OUTPUT_FORMATS, type OutputFormat, PERMISSION_MODES, splitToolRules } from './flag-specs.js';

type FlagChar = Parameters<typeof Flags.string>[0] extends infer O
  ? O extends { char?: infer C }
    ? C
    : never
  : never;

/** The options every oclif flag builder takes, from a spec; kind-specific ones are added per flag. */
export function oclifFlagOptions(spec: FlagSpec) {
  return {
    description: spec.description,
    ...(spec.helpGroup ? { helpGroup: spec.helpGroup } : {}),
    ...(spec.char ? { char: spec.char as FlagChar } : {}),
    ...(spec.aliases ? { aliases: [...spec.aliases] } : {}),
    ...(spec.env ? { env: spec.env } : {}),
  };
}

/**
 * Flags every command accepts (SPEC §1), built from GLOBAL_FLAG_SPECS. `multiple`, `options` and `min` are
 * spelled out here so oclif infers the flags' types; test/flag-parsing.test.ts checks that oclif and the
 * fast path parse every form alike.
 */
export const globalFlags = {
  model: Flags.string(oclifFlagOptions(G.model)),
  'permission-mode': Flags.string({
    ...oclifFlagOptions(G['permission-mode']),
    options: [...G['permission-mode'].options],
  }),
  allowedTools: Flags.string({ ...oclifFlagOptions(G.allowedTools), multiple: true }),
  disallowedTools: Flags.string({ ...oclifFlagOptions(G.disallowedTools), multiple: true }),
  'output-format': Flags.string({
    ...oclifFlagOptions(G['output-format']),
    options: [...G['output-format'].options],
  }),
  'max-turns': Flags.integer({ ...oclifFlagOptions(G['max-turns']), min: G['max-turns'].min }),
  resume: Flags.string(oclifFlagOptions(G.resume)),
  continue: Flags.boolean(oclifFlagOptions(G.continue)),
  fork: Flags.boolean(oclifFlagOptions(G.fork)),
  cwd: Flags.string(oclifFlagOptions(G.cwd)),
  'add-dir': Flags.string({ ...oclifFlagOptions(G['add-dir']), multiple: true }),
  'append-system-prompt': Flags.string(oclifFlagOptions(G['append-system-prompt'])),
  'mcp-config': Flags.string({ ...oclifFlagOptions(G['mcp-config']), multiple: true }),
  'strict-mcp-config': Flags.boolean(oclifFlagOptions(G['strict-mcp-config'])),
  'dangerously-skip-permissions': Flags.boolean(oclifFlagOptions(G['dangerously-skip-permissions'])),
  verbose: Flags.boolean(oclifFlagOptions(G.verbose)),
  'no-color': Flags.boolean(oclifFlagOptions(G['no-color'])),
};
