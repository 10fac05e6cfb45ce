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

function credentialFields(credential: ResolvedCredential | undefined) {
  if (!credential) return undefined;
  return credential.kind === 'api-key'
    ? { apiKey: credential.value, credentialSource: credential.source }
    : { authToken: credential.value, credentialSource: credential.source };
}

/**
 * Resolves the credential (helper, env, token store — refreshing an expiring OAuth token) and builds the
 * provider for the model. On a 401 before any content, a stored OAuth token is refreshed once and the
 * request retried, so an expired session does not fail a long task.
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
        ...(credentialFields(cred)
          ? {
              anthropic: {
                ...credentialFields(cred),
                ...(settings.anthropicBeta ? { betas: settings.anthropicBeta } : {}),
              },
            }
          : {}),
        ...(settings.retry ? { retry: settings.retry } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError) throw new EngineError('usage', error.message, error.hint);
      throw error;
    }
  };

  let model = input.model;
  let current = build(model, credential);
  const refreshing = (): ClawProvider => {
    const inner = (): ClawProvider => current;
    async function* stream(request: ModelRequest, options?: StreamOptions): AsyncGenerator<StreamEvent> {
      let started = false;
      try {
        for await (const event of inner().stream(request, options)) {
          if (event.type !== 'retry') started = true;
          yield event;
        }
      } catch (error) {
        const canRefresh =
          !started && error instanceof ApiError && error.kind === 'auth' && credential?.source === 'oauth';
        if (!canRefresh) throw error;
        const renewed = await credentials.onUnauthorized().catch((refreshError: unknown) => {
          if (isAuthError(refreshError))
            throw new ApiError('auth', refreshError.message, { hint: refreshError.hint });
          throw refreshError;
        });
        if (!renewed) throw error;
        credential = renewed;
        current = build(model, renewed);
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
