/** "Wait and continue": how long an interrupted scan waits before it resumes, from the failure that stopped it. */
import type { Failure } from '../common/outcome';

/**
 * How long "wait and continue" waits when the service was throttling but its Retry-After could not be read (Graph does
 * not expose it to a browser, microsoftgraph/microsoft-graph-docs#17488): past the transport's own backoff (about
 * 15 s), and longer than the common Retry-After values, since coming back early earns another 429.
 */
export const UNREAD_RETRY_AFTER_SECONDS = 120;

/**
 * The wait a failed scan asks for before it is resumed: the Retry-After the service gave (longer than the transport
 * waits on its own), or UNREAD_RETRY_AFTER_SECONDS after throttling (429) or busy (503) without one. Undefined for any
 * other failure: resume at once.
 */
export function askedWaitSeconds(reason: Failure | undefined): number | undefined {
  if (!reason) {
    return undefined;
  }
  if (reason.retryAfterSeconds !== undefined && reason.retryAfterSeconds > 0) {
    return Math.ceil(reason.retryAfterSeconds);
  }
  return reason.status === 429 || reason.status === 503 ? UNREAD_RETRY_AFTER_SECONDS : undefined;
}
