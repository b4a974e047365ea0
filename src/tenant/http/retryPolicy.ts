/**
 * The one place that decides whether a request is retried and how long to wait.
 * Used by the transport behaviour (whole requests) and by $batch item retries.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff for retryable answers without Retry-After, doubled per attempt. */
  baseDelayMs: number;
  /** Never wait longer than this for one retry, even when Retry-After asks for more. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 60000 };

/** 429 (throttled), 503/504 (busy, timeout) and 500/502 (transient) are retried; anything else is an answer. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  if (!isNaN(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(value);
  return isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before attempt number `attempt` (1-based count of attempts already made). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined): number {
  const backoff = policy.baseDelayMs * Math.pow(2, Math.max(0, attempt - 1));
  // Retry-After is honoured exactly (a retry before it has passed earns a fresh 429); a small margin absorbs clock skew.
  const wanted = retryAfterMs !== undefined ? retryAfterMs + 50 : backoff;
  return Math.min(policy.maxDelayMs, wanted);
}

/** Waits, or rejects with an AbortError as soon as the signal fires. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(abortError());
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = (): void => {
      if (timer !== undefined) {
        clearTimeout(timer);
      }
      reject(abortError());
    };
    timer = setTimeout(() => {
      if (signal) {
        signal.removeEventListener('abort', onAbort);
      }
      resolve();
    }, ms);
    if (signal) {
      signal.addEventListener('abort', onAbort);
    }
  });
}

/** The error a cancelled wait rejects with (name AbortError, as fetch's). */
export function abortError(): Error {
  const error = new Error('The operation was cancelled.');
  error.name = 'AbortError';
  return error;
}
