/** One paged read as a chain: each page needs the previous page's `next`, so pages follow one another. */
import * as strings from 'ProvisioningStrings';
import { failure, type Failure, type Outcome } from '../../common/outcome';
import type { Page } from '../ports';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls a port; an exception (which adapters should never let escape) becomes a Failure too. */
export async function call<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    return failure(0, 'UnexpectedError', errorMessage(error));
  }
}

export function isAborted(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && signal.aborted;
}

export type ChainEnd = { kind: 'done' } | { kind: 'stopped' } | { kind: 'failed'; failure: Failure };

export interface ChainControl {
  signal?: AbortSignal;
  /** Set when the other chain failed: finish the page in flight, then stop. */
  stop: boolean;
}

/** Reads pages one after the other from `start` until the last page, a failure, a stop or a cancel. */
export async function readChain<T>(
  read: (next: string | undefined, signal?: AbortSignal) => Promise<Outcome<Page<T>>>,
  start: string | undefined,
  control: ChainControl,
  onPage: (page: Page<T>) => void,
): Promise<ChainEnd> {
  let next = start;
  // Every continuation seen in this run: a link that comes back (B → C → B) would read the same pages forever.
  const seen = new Set<string>();
  if (start !== undefined) {
    seen.add(start);
  }
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
      return { kind: 'failed', failure: outcome };
    }
    if (outcome.value.next !== undefined && outcome.value.next !== '' && seen.has(outcome.value.next)) {
      return { kind: 'failed', failure: failure(0, 'PagingLoop', strings.PagingLoopMessage) };
    }
    if (outcome.value.next !== undefined) {
      seen.add(outcome.value.next);
    }
    onPage(outcome.value);
    if (outcome.value.next === undefined || outcome.value.next === '') {
      return { kind: 'done' };
    }
    next = outcome.value.next;
  }
}