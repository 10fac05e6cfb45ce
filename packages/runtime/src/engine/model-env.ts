import { type ClawProvider, resolveRetryPolicy } from '@claw/api-client';
import type { Settings } from '../config/index.js';
import type { AgentLoopOptions } from '../loop/agent-loop.js';

/**
 * The environment that chooses the provider, the model and the credentials: the process env with settings
 * `env` on top. Claude Code applies its settings `env` to its own process, so users point it at a gateway
 * with `{"env":{"ANTHROPIC_BASE_URL":…,"ANTHROPIC_API_KEY":…}}`; the same file must do the same here, and
 * like there the settings value wins over an exported variable of the same name.
 */
export function modelEnvironment(env: NodeJS.ProcessEnv, settings: Settings): NodeJS.ProcessEnv {
  return settings.env ? { ...env, ...settings.env } : env;
}

/** Claude Code's budget when thinking is switched on without MAX_THINKING_TOKENS. */
export const DEFAULT_THINKING_BUDGET = 31_999;

/**
 * Extended thinking's token budget: `MAX_THINKING_TOKENS` (Claude Code's variable; 0 turns thinking off),
 * else settings `alwaysThinkingEnabled` with the default budget, else off. A value that is not a whole number
 * is ignored rather than failing the run.
 */
export function resolveThinkingBudget(env: NodeJS.ProcessEnv, settings: Settings): number | undefined {
  const raw = env.MAX_THINKING_TOKENS?.trim();
  if (raw) {
    const value = Number(raw);
    if (Number.isInteger(value) && value >= 0) return value > 0 ? value : undefined;
  }
  return settings.alwaysThinkingEnabled === true ? DEFAULT_THINKING_BUDGET : undefined;
}

/**
 * What the agent loop needs to size each request and to wait before redoing a broken turn: the window (only
 * a known one, so a guessed window never shrinks a reply), the thinking budget, and the provider's retry
 * policy (settings `retry`, CLAW_MAX_RETRIES, CLAW_RETRY_MAX_MS).
 */
export function loopModelOptions(
  provider: ClawProvider,
  settings: Settings,
  processEnv: NodeJS.ProcessEnv,
): Pick<AgentLoopOptions, 'contextWindow' | 'thinkingBudgetTokens' | 'turnRetry'> {
  const env = modelEnvironment(processEnv, settings);
  const thinkingBudgetTokens = resolveThinkingBudget(env, settings);
  return {
    ...(provider.modelInfo.known ? { contextWindow: provider.modelInfo.contextWindow } : {}),
    ...(thinkingBudgetTokens !== undefined ? { thinkingBudgetTokens } : {}),
    turnRetry: { policy: resolveRetryPolicy(settings.retry, env) },
  };
}
