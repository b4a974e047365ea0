/**
 * The turn of one chunk of a provisioning request: waiting for the tenant-wide turn to send (the shared log's lease)
 * and reading what others requested just before sending. Used by requestProvisioning; never throws.
 */
import { guarded } from '../common/outcome';
import type { Failure } from '../common/outcome';
import type { LeaseHolder, ProvisioningLogStore, SendLease } from './ports';
import { addressKey } from './addresses';
import { PENDING_OVERDUE_MS } from './pending';

/** How long a claimed turn lasts if it is never released (a chunk's send, throttling waits included). */
export const DEFAULT_LEASE_MS = 180000;
/** How often a waiting session asks again for the turn. */
export const DEFAULT_LEASE_POLL_MS = 2000;

/** Waits `ms`, or less when the signal fires (never rejects). */
export function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      if (signal) {
        signal.removeEventListener('abort', done);
      }
      resolve();
    }
    if (signal) {
      signal.addEventListener('abort', done);
    }
  });
}

/**
 * Addresses enqueued (not failed) within the pending window by log entries other than `ownIds`. A log that cannot be
 * read gives an empty set: the request goes on (a duplicate enqueue is harmless — SharePoint skips existing sites —
 * and it is better than not requesting at all).
 */
export async function recentlyRequested(log: ProvisioningLogStore, ownIds: ReadonlySet<string>, now: Date): Promise<Set<string>> {
  const loaded = await guarded(() => log.load());
  const addresses = new Set<string>();
  if (!loaded.ok) {
    return addresses;
  }
  for (const entry of loaded.value) {
    const time = Date.parse(entry.requestedAt);
    if (entry.result === 'enqueued' && !ownIds.has(entry.id) && !isNaN(time) && now.getTime() - time < PENDING_OVERDUE_MS && now.getTime() - time >= -60000) {
      for (const email of entry.emails) {
        addresses.add(addressKey(email));
      }
    }
  }
  return addresses;
}

export interface TurnOptions {
  leaseMs: number;
  pollMs: number;
  now: () => Date;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** The service refused the claim: the request goes on without the turn (the caller says so afterwards). */
  onRefused: (failed: Failure) => void;
  /** Someone else holds the turn (told at every poll); undefined once the wait is over. */
  onWaiting: (waiting: { holder: LeaseHolder; until: string } | undefined) => void;
}

/**
 * Waits for the shared turn to send. 'held': ours (release it after the chunk); 'free': no turn to take (the service
 * refused the claim: told to onRefused); 'cancelled': the signal fired while waiting.
 */
export async function waitForTurn(lease: SendLease, holder: LeaseHolder, opts: TurnOptions): Promise<'held' | 'free' | 'cancelled'> {
  let waited = false;
  try {
    for (;;) {
      if (opts.signal && opts.signal.aborted) {
        return 'cancelled';
      }
      const claim = await guarded(() => lease.claim(holder, opts.leaseMs, opts.now()));
      if (!claim.ok) {
        opts.onRefused(claim);
        return 'free';
      }
      if (claim.value.held) {
        return 'held';
      }
      waited = true;
      opts.onWaiting({ holder: claim.value.holder, until: claim.value.until });
      await opts.sleep(opts.pollMs, opts.signal);
    }
  } finally {
    if (waited) {
      opts.onWaiting(undefined);
    }
  }
}
