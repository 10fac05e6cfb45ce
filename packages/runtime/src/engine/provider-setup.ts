import {
  ApiError,
  type ClawProvider,
  createProvider,
  type ModelRequest,
  type StreamEvent,
  type StreamOptions,
} from '@claw/api-client';
import {
  type CredentialProvider,
  createCredentialProvider,
  isAuthError,
  type ResolvedCredential,
} from '@claw/auth';
import type { Settings } from '../config/index.js';
import { EngineError } from './types.js';

export interface ProviderSetup {
  provider: ClawProvider;
  credential: ResolvedCredential | undefined;
  setModel(model: string): ClawProvider;
}

/** Anthropic accepts OAuth access tokens (from `claw login`) only with this beta enabled. */
export const OAUTH_BETA = 'oauth-2025-04-20';

function betasFor(cred: ResolvedCredential | undefined, configured: string[] | undefined): string[] {
  const betas = [...(configured ?? [])];
  if (cred?.source === 'oauth' && !betas.includes(OAUTH_BETA)) betas.push(OAUTH_BETA);
  return betas;
}

function credentialFields(credential: ResolvedCredential | undefined) {
  if (!credential) return undefined;
  return credential.kind === 'api-key'
    ? { apiKey: credential.value, credentialSource: credential.source }
    : { authToken: credential.value, credentialSource: credential.source };
}

/**
 * Resolves the credential (helper, env, token store — refreshing an expiring OAuth token) and builds the
 * provider for the model. Before every request the credential is resolved again, so a long session refreshes
 * its OAuth token before it expires; on a 401 before any content the credential provider gets one chance to
 * replace it (OAuth refresh, apiKeyHelper re-run) and the request is retried once.
 */
export async function setUpProvider(input: {
  model: string;
  settings: Settings;
  env: NodeJS.ProcessEnv;
  configHome: string;
  apiKeyHelper: string | undefined;
}): Promise<ProviderSetup> {
  const { settings, env } = input;
  const credentials: CredentialProvider = createCredentialProvider({
    env,
    configHome: input.configHome,
    ...(input.apiKeyHelper ? { apiKeyHelper: input.apiKeyHelper } : {}),
    ...(settings.oauth ? { oauth: settings.oauth } : {}),
  });
  let credential: ResolvedCredential | undefined;
  try {
    credential = await credentials.get();
  } catch (error) {
    if (isAuthError(error) && error.reason !== 'no-credentials') {
      throw new EngineError('auth', error.message, error.hint);
    }
    credential = undefined;
  }

  const build = (model: string, cred: ResolvedCredential | undefined): ClawProvider => {
    try {
      return createProvider({
        model,
        env,
        ...(settings.aliases ? { aliases: settings.aliases } : {}),
        // Betas go out without a credential too (a gateway that takes none), and size the window (1M beta).
        anthropic: {
          ...credentialFields(cred),
          ...(betasFor(cred, settings.anthropicBeta).length > 0
            ? { betas: betasFor(cred, settings.anthropicBeta) }
            : {}),
        },
        ...(settings.retry ? { retry: settings.retry } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError) throw new EngineError('usage', error.message, error.hint);
      throw error;
    }
  };

  let model = input.model;
  let current = build(model, credential);
  const asApiError = (error: unknown): never => {
    if (isAuthError(error)) throw new ApiError('auth', error.message, { hint: error.hint });
    throw error;
  };
  const use = (next: ResolvedCredential): void => {
    if (next.value === credential?.value && next.kind === credential.kind) return;
    credential = next;
    current = build(model, next);
  };
  const refreshing = (): ClawProvider => {
    async function* stream(request: ModelRequest, options?: StreamOptions): AsyncGenerator<StreamEvent> {
      if (credential !== undefined) use(await credentials.get().catch(asApiError));
      else if (current.kind === 'anthropic') {
        // Started without a credential: one stored since (`/login` in the REPL) is used from the next request.
        const found = await credentials.get().catch(() => undefined);
        if (found) use(found);
      }
      let started = false;
      try {
        for await (const event of current.stream(request, options)) {
          if (event.type !== 'retry') started = true;
          yield event;
        }
      } catch (error) {
        const canRenew = !started && error instanceof ApiError && error.kind === 'auth' && credential;
        if (!canRenew) throw error;
        const renewed = await credentials.onUnauthorized().catch(asApiError);
        if (!renewed) throw error;
        use(renewed);
        yield* current.stream(request, options);
      }
    }
    return {
      get kind() {
        return current.kind;
      },
      get route() {
        return current.route;
      },
      get modelInfo() {
        return current.modelInfo;
      },
      stream,
    } as ClawProvider;
  };
  const provider = refreshing();
  return {
    provider,
    get credential() {
      return credential;
    },
    setModel(next: string) {
      const built = build(next, credential);
      model = next;
      current = built;
      return provider;
    },
  };
}
