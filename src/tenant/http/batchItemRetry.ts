/**
 * Retries of items inside a Graph `$batch` (the outer POST succeeded; some of its requests were throttled or failed
 * transiently): how long an item asked to wait, whether that is too long to retry early, and telling the pane about the
 * wait — the same rules and the same notice as the transport's own retries (throttlingRetry.ts).
 */
import type { RetryPolicy } from './retryPolicy';
import type { RetryWaitObserver } from './throttlingRetry';

/** The minimal shape of a `$batch` answer item these rules read. */
export interface RetriedBatchItem {
  status: number;
  headers?: Record<string, string>;
}

/** Where waits are told, and the Graph base URL the notice names (the composition root passes both). */
export interface BatchWaits {
  onWait?: RetryWaitObserver;
  graphBaseUrl?: string;
}

/** The item's Retry-After in milliseconds (Graph sends seconds), when it has one. */
export function itemRetryAfterMs(item: RetriedBatchItem): number | undefined {
  const header = item.headers ? item.headers['Retry-After'] ?? item.headers['retry-after'] : undefined;
  const seconds = header !== undefined ? Number(header) : NaN;
  return isNaN(seconds) ? undefined : seconds * 1000;
}

/**
 * Whether the item asked for a longer wait than the policy's longest: it is not sent again early (that only earns a
 * fresh 429); its failure goes back with the wait asked (`retryAfterSeconds`), for the admin to wait and continue.
 */
export function asksTooLong(policy: RetryPolicy, item: RetriedBatchItem): boolean {
  const asked = itemRetryAfterMs(item);
  return asked !== undefined && asked > policy.maxDelayMs;
}

/** Tells the pane that the batch's throttled items wait `delay` ms before they are sent again. Never throws. */
export function tellBatchWait(waits: BatchWaits, status: number, delay: number, retryAfterMs: number | undefined, attemptNo: number): void {
  if (!waits.onWait) {
    return;
  }
  try {
    waits.onWait({
      status,
      waitMs: delay,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      until: Date.now() + delay,
      method: 'POST',
      url: `${waits.graphBaseUrl || 'https://graph.microsoft.com/v1.0'}/$batch`,
      attempt: attemptNo,
    });
  } catch {
    // Showing the wait must never change it.
  }
}
