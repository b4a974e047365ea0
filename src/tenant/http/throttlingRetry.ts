import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, retryDelayMs, wait, type RetryPolicy } from './retryPolicy';

/**
 * PnPjs behaviour: sends with fetch, retries throttled (429 + Retry-After) and transient (5xx) answers per the
 * retry policy, and never drops a request: after the last attempt the service's own answer is returned and the
 * caller turns it into a visible Failure. Replaces the default BrowserFetchWithRetry (which ignores 500/502 and
 * retries only three times).
 */
export function ThrottlingRetry(policy: RetryPolicy = DEFAULT_RETRY_POLICY): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    instance.on.send.clear();
    instance.on.send(async (url: URL, init: RequestInit): Promise<Response> => {
      let attempt = 0;
      for (;;) {
        attempt++;
        let response: Response;
        try {
          response = await fetch(url.toString(), init);
        } catch (error) {
          if ((error as Error).name === 'AbortError' || attempt >= policy.maxAttempts) {
            throw error;
          }
          await wait(retryDelayMs(policy, attempt, undefined), init.signal ?? undefined);
          continue;
        }
        if (!isRetryableStatus(response.status) || attempt >= policy.maxAttempts) {
          return response;
        }
        const retryAfter = parseRetryAfter(response.headers.get('Retry-After') ?? undefined);
        await wait(retryDelayMs(policy, attempt, retryAfter), init.signal ?? undefined);
      }
    });
    return instance;
  };
}
