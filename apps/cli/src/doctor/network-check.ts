import type { CheckResult, DoctorContext } from './check.js';
import { result } from './check.js';
import { effectiveRoute } from './effective-route.js';

export const DEFAULT_NETWORK_TIMEOUT_MS = 5_000;

/**
 * `--network`: GETs the base URL of the route the effective model would take. Any HTTP answer (even 404 or
 * 401) proves the host is reachable; only a connection error or the timeout fails. Uses `resolveModel` and
 * `selectProvider`, which do not load the provider SDKs.
 */
export async function checkProviderReachable(
  ctx: DoctorContext & { hasCredential: boolean; timeoutMs: number },
): Promise<CheckResult> {
  const route = await effectiveRoute(ctx, ctx.hasCredential);
  const started = Date.now();
  try {
    const response = await fetch(route.baseURL, {
      method: 'GET',
      signal: AbortSignal.timeout(ctx.timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return result(
      'network',
      'Provider reachable',
      'pass',
      `${route.kind} at ${route.baseURL} answered HTTP ${response.status} in ${Date.now() - started} ms`,
    );
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${ctx.timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    return result('network', 'Provider reachable', 'fail', `${route.kind} at ${route.baseURL}: ${why}`, [
      route.reason,
    ]);
  }
}
