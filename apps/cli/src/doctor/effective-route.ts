import type { ProviderRoute } from '@claw/api-client';
import type { DoctorContext } from './check.js';

/**
 * The provider route the effective model takes here (settings, env, aliases), as a session would choose it;
 * `resolveModel` and `selectProvider` do not load the provider SDKs. Settings `env` counts, as in a session.
 */
export async function effectiveRoute(
  ctx: DoctorContext,
  hasAnthropicCredential: boolean,
): Promise<ProviderRoute> {
  const [{ resolveEffectiveModel }, { DEFAULT_MODEL, resolveModel, selectProvider }] = await Promise.all([
    import('@claw/runtime'),
    import('@claw/api-client'),
  ]);
  const env = { ...ctx.env, ...(ctx.loaded.settings.env ?? {}) };
  const effective = resolveEffectiveModel({
    settings: ctx.loaded.settings,
    provenance: ctx.loaded.provenance,
    env,
    defaultModel: DEFAULT_MODEL,
  });
  const model = resolveModel(effective.model, ctx.loaded.settings.aliases ?? {}).id;
  return selectProvider({ model, env, hasAnthropicCredential });
}
