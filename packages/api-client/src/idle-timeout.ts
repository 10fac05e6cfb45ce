/** Thrown by `withIdleTimeout` when the source produced nothing for the configured time. */
export class IdleTimeoutError extends Error {
  constructor(readonly idleMs: number) {
    super(`no data for ${idleMs} ms`);
    this.name = 'IdleTimeoutError';
  }
}

/**
 * Yields from `source`, failing with IdleTimeoutError when one item takes longer than `idleMs`.
 * `onIdle` runs first so the caller can abort the underlying request: a hung socket must not stay open.
 * A request timeout only covers the wait for headers; this covers a server that stalls mid-stream.
 */
export async function* withIdleTimeout<T>(
  source: AsyncIterable<T>,
  idleMs: number | undefined,
  onIdle: () => void,
): AsyncGenerator<T> {
  if (idleMs === undefined || idleMs <= 0) {
    yield* source;
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    while (true) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          onIdle();
          reject(new IdleTimeoutError(idleMs));
        }, idleMs);
      });
      try {
        const next = await Promise.race([iterator.next(), idle]);
        if (next.done) {
          finished = true;
          return;
        }
        yield next.value;
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    if (!finished) {
      // Don't await: after an idle abort the source may never settle its pending next().
      void iterator.return?.()?.catch(() => undefined);
    }
  }
}
