import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, retryDelayMs, wait, type RetryPolicy } from './retryPolicy';

/**
 * POSTs that only read, so may be sent again: a Graph `$batch` (ours hold GETs only) and CSOM `ProcessQuery` (ours
 * holds a query only). Every other POST (provisioning, log items) is a write: sent again only after a 429, which
 * says the service did not process it — a 500/502/503 after a write may hide a write that happened.
 */
export function isReadOnlyPost(url: string): boolean {
  const path = url.split('?')[0] || '';
  return /\/\$batch$/i.test(path) || /\/_vti_bin\/client\.svc\/ProcessQuery$/i.test(path) || /\/_api\/contextinfo$/i.test(path);
}

/** Whether an answer with this status may be retried for this request. */
export function mayRetry(method: string, url: string, status: number): boolean {
  if (!isRetryableStatus(status)) {
    return false;
  }
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD' || isReadOnlyPost(url)) {
    return true;
  }
  return status === 429;
}

/** A network failure (no answer: offline, DNS, CORS refusal) is retried once: a CORS refusal is deterministic. */
export const NETWORK_ATTEMPTS = 2;

/** One wait before a request is sent again, as the transport reports it. */
export interface RetryWait {
  /** The answer's status (429, 500, 502, 503, 504). */
  status: number;
  /** How long the transport waits now. */
  waitMs: number;
  /**
   * What the service asked (Retry-After), when the browser lets us read it. Graph does not expose Retry-After to
   * cross-origin callers (microsoftgraph/microsoft-graph-docs#17488): a Graph wait in a browser is a backoff of ours.
   */
  retryAfterMs?: number;
  /** When the request is sent again (epoch ms). */
  until: number;
  method: string;
  url: string;
  /** Attempts made so far (1 = the first answer). */
  attempt: number;
}

/** Told of every wait as it starts. It must not throw; if it does, the wait goes on anyway. */
export type RetryWaitObserver = (wait: RetryWait) => void;

/**
 * PnPjs behaviour: sends with fetch, retries throttled (429 + Retry-After) and transient (5xx) answers per the
 * retry policy, and never drops a request: after the last attempt the service's own answer is returned and the
 * caller turns it into a visible Failure. Writes are retried only after a 429 (see mayRetry). A Retry-After longer
 * than the policy's longest wait is not retried early (that only earns a fresh 429): the answer is returned and the
 * caller shows it with the wait the service asked for. Every wait is told to `onWait` as it starts (the pane shows
 * "Microsoft 365 asked us to wait N s"). Replaces the default BrowserFetchWithRetry (which ignores 500/502 and retries
 * only three times).
 */
export function ThrottlingRetry(policy: RetryPolicy = DEFAULT_RETRY_POLICY, onWait?: RetryWaitObserver): TimelinePipe<Queryable> {
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
          if ((error as Error).name === 'AbortError' || attempt >= Math.min(policy.maxAttempts, NETWORK_ATTEMPTS)) {
            throw error;
          }
          await wait(retryDelayMs(policy, attempt, undefined), init.signal ?? undefined);
          continue;
        }
        if (!mayRetry(init.method || 'GET', url.toString(), response.status) || attempt >= policy.maxAttempts) {
          return response;
        }
        const retryAfter = parseRetryAfter(response.headers.get('Retry-After') ?? undefined);
        if (retryAfter !== undefined && retryAfter > policy.maxDelayMs) {
          return response;
        }
        const delay = retryDelayMs(policy, attempt, retryAfter);
        if (onWait) {
          try {
            onWait({
              status: response.status,
              waitMs: delay,
              ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
              until: Date.now() + delay,
              method: (init.method || 'GET').toUpperCase(),
              url: url.toString(),
              attempt,
            });
          } catch {
            // Showing the wait must never change it.
          }
        }
        await wait(delay, init.signal ?? undefined);
      }
    });
    return instance;
  };
}
