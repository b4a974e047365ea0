/** One paged read as a chain: each page needs the previous page's `next`, so pages follow one another. */
import * as strings from 'ProvisioningStrings';
import { format } from '../../common/format';
import { failure, guarded, type Failure, type Outcome } from '../../common/outcome';
import type { Page } from '../ports';

/** Calls a port; an exception (which adapters should never let escape) becomes a Failure too. */
export const call = guarded;

export function isAborted(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && signal.aborted;
}

export type ChainEnd = { kind: 'done' } | { kind: 'stopped' } | { kind: 'failed'; failure: Failure };

export interface ChainControl {
  signal?: AbortSignal;
  /** Set when the other chain failed: finish the page in flight, then stop. */
  stop: boolean;
}

/** Consecutive pages without one new item after which a read is stopped (an empty or repeated page now and then is not). */
export const MAX_STALLED_PAGES = 3;

/**
 * What keeps a paged read from running away, besides a link that comes back: pages that bring nothing new, and a
 * hard ceiling derived from what the service said to expect. Each stop is a typed failure naming the page.
 */
export interface ChainGuard {
  /** The number of the first page this run reads (pages read before a resume, plus one). */
  firstPage: number;
  /**
   * After each page: a message when the read has gone past its ceiling (more items than the service's own count
   * allows, with a margin); undefined while within it or while the expected total is not known.
   */
  pastCeiling?: () => string | undefined;
  /** Consecutive pages without progress allowed before the read stops (default MAX_STALLED_PAGES). */
  stalledPages?: number;
}

/** Where a paged read stopped: the failure, with the page number when it does not carry one yet. */
function at(failed: Failure, page: number): Failure {
  return failed.page !== undefined ? failed : { ...failed, page };
}

/**
 * Reads pages one after the other from `start` until the last page, a failure, a stop or a cancel. `onPage` applies a
 * page and answers how many of its items are new (not read before in this run). The read stops, as a typed failure
 * naming the page, when a continuation comes back (PagingLoop), when pages bring nothing new (PagingNoProgress) or
 * past the guard's ceiling (PagingCeiling). An answer that is not a page (MalformedAnswer) names the page asked for; a
 * next link the adapter refused (ForeignNextLink) names the page whose link pointed away.
 */
export async function readChain<T>(
  read: (next: string | undefined, signal?: AbortSignal) => Promise<Outcome<Page<T>>>,
  start: string | undefined,
  control: ChainControl,
  onPage: (page: Page<T>) => number,
  guard: ChainGuard = { firstPage: 1 },
): Promise<ChainEnd> {
  let next = start;
  // Every continuation seen in this run: a link that comes back (B → C → B) would read the same pages forever.
  const seen = new Set<string>();
  if (start !== undefined) {
    seen.add(start);
  }
  const stalledLimit = guard.stalledPages !== undefined ? guard.stalledPages : MAX_STALLED_PAGES;
  // Pages read so far (before a resume included): the number of the page being read is pagesRead + 1.
  let pagesRead = guard.firstPage - 1;
  let stalled = 0;
  for (;;) {
    if (control.stop || (control.signal && control.signal.aborted)) {
      return { kind: 'stopped' };
    }
    const current = next;
    const outcome = await call(() => read(current, control.signal));
    if (control.signal && control.signal.aborted) {
      // Whatever came back for a cancelled request is discarded: the page is read again on resume.
      return { kind: 'stopped' };
    }
    if (!outcome.ok) {
      if (outcome.code === 'ForeignNextLink') {
        // A next link refused before it was sent: the page that pointed away is the one read last.
        return { kind: 'failed', failure: at(outcome, Math.max(1, pagesRead)) };
      }
      // An answer that is not a page (cut short, an error body with HTTP 200): the read stops at the page asked for.
      return { kind: 'failed', failure: outcome.code === 'MalformedAnswer' ? at(outcome, pagesRead + 1) : outcome };
    }
    pagesRead++;
    const link = outcome.value.next !== undefined && outcome.value.next !== '' ? outcome.value.next : undefined;
    if (link !== undefined && seen.has(link)) {
      return { kind: 'failed', failure: failure(0, 'PagingLoop', format(strings.PagingLoopMessage, pagesRead), { page: pagesRead }) };
    }
    if (link !== undefined) {
      seen.add(link);
    }
    const fresh = onPage(outcome.value);
    if (link === undefined) {
      return { kind: 'done' };
    }
    stalled = fresh > 0 ? 0 : stalled + 1;
    if (stalled >= stalledLimit) {
      return { kind: 'failed', failure: failure(0, 'PagingNoProgress', format(strings.PagingNoProgressMessage, pagesRead, stalled), { page: pagesRead }) };
    }
    const ceiling = guard.pastCeiling ? guard.pastCeiling() : undefined;
    if (ceiling !== undefined) {
      return { kind: 'failed', failure: failure(0, 'PagingCeiling', ceiling, { page: pagesRead }) };
    }
    next = link;
  }
}
