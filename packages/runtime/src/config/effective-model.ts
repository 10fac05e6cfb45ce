import { FLAGS_SOURCE } from './settings-layers.js';
import type { Settings } from './settings-schema.js';

export type ModelSource = 'flag' | 'env:CLAW_MODEL' | 'env:ANTHROPIC_MODEL' | 'settings' | 'default';

export interface EffectiveModel {
  /** The model id after alias resolution. */
  model: string;
  /** What the user asked for before alias resolution, when it differs. */
  requested?: string;
  source: ModelSource;
  /** The settings file, for `source: 'settings'`. */
  path?: string;
}

/**
 * Model precedence, as Claude Code: `--model` flag, then `CLAW_MODEL` / `ANTHROPIC_MODEL`, then settings
 * `model`, then the default. Settings `aliases` map a short name to a model id (one hop: aliases do not chain,
 * so a cycle cannot loop).
 */
export function resolveEffectiveModel(input: {
  settings: Settings;
  provenance: ReadonlyMap<string, string>;
  env: Readonly<Record<string, string | undefined>>;
  defaultModel: string;
}): EffectiveModel {
  const { settings, provenance, env } = input;
  const settingsSource = provenance.get('model');
  let requested: string;
  let source: ModelSource;
  let path: string | undefined;
  if (settings.model && settingsSource === FLAGS_SOURCE) {
    requested = settings.model;
    source = 'flag';
  } else if (env.CLAW_MODEL?.trim()) {
    requested = env.CLAW_MODEL.trim();
    source = 'env:CLAW_MODEL';
  } else if (env.ANTHROPIC_MODEL?.trim()) {
    requested = env.ANTHROPIC_MODEL.trim();
    source = 'env:ANTHROPIC_MODEL';
  } else if (settings.model) {
    requested = settings.model;
    source = 'settings';
    path = settingsSource;
  } else {
    requested = input.defaultModel;
    source = 'default';
  }
  const aliased = settings.aliases?.[requested];
  const result: EffectiveModel = { model: aliased ?? requested, source };
  if (aliased !== undefined && aliased !== requested) result.requested = requested;
  if (path !== undefined) result.path = path;
  return result;
}

export interface AutoCompactConfig {
  enabled: boolean;
  /** Share of the context window (0..1] that triggers compaction. */
  threshold: number;
  /** Absolute input-token trigger; overrides `threshold` when set. */
  tokens?: number;
  tokensSource?: 'env:CLAW_AUTO_COMPACT_TOKENS' | 'settings';
}

export const DEFAULT_AUTO_COMPACT_THRESHOLD = 0.8;

/** Auto-compaction settings with the `CLAW_AUTO_COMPACT_TOKENS` override (ignored unless a positive integer). */
export function resolveAutoCompact(
  settings: Settings,
  env: Readonly<Record<string, string | undefined>>,
): AutoCompactConfig {
  const config: AutoCompactConfig = {
    enabled: settings.autoCompact?.enabled ?? true,
    threshold: settings.autoCompact?.threshold ?? DEFAULT_AUTO_COMPACT_THRESHOLD,
  };
  const fromEnv = env.CLAW_AUTO_COMPACT_TOKENS?.trim();
  if (fromEnv && /^[1-9][0-9]*$/.test(fromEnv)) {
    config.tokens = Number(fromEnv);
    config.tokensSource = 'env:CLAW_AUTO_COMPACT_TOKENS';
  } else if (settings.autoCompact?.tokens !== undefined) {
    config.tokens = settings.autoCompact.tokens;
    config.tokensSource = 'settings';
  }
  return config;
}
