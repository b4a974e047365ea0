import type { TransportWait, TransportWaits } from '../../app/transportPorts';
import type { RetryWait, RetryWaitObserver } from './throttlingRetry';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * The transport's waits as the pane sees them: the composition root passes `observe` to every client's
 * ThrottlingRetry, and the controller subscribes. A listener that throws is skipped; the others are still told.
 */
export class WaitFeed implements TransportWaits {
  private readonly listeners: Array<(wait: TransportWait) => void> = [];

  public readonly observe: RetryWaitObserver = (wait: RetryWait): void => {
    const notice: TransportWait = {
      status: wait.status,
      // What Microsoft 365 asked, when it said; else our own backoff. (The transport adds a small margin to either.)
      seconds: Math.max(1, Math.ceil((wait.retryAfterMs !== undefined ? wait.retryAfterMs : wait.waitMs) / 1000)),
      asked: wait.retryAfterMs !== undefined,
      until: new Date(wait.until).toISOString(),
      host: hostOf(wait.url),
    };
    for (const listener of this.listeners.slice()) {
      try {
        listener(notice);
      } catch {
        // One listener's failure is not the transport's.
      }
    }
  };

  public subscribe(listener: (wait: TransportWait) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) {
        this.listeners.splice(index, 1);
      }
    };
  }
}
