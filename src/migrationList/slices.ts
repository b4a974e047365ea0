/**
 * Long loops in slices: work runs until its time budget is spent, then yields to the event loop so the page stays
 * responsive (no task much longer than the budget), and stops as soon as its run is stale (a newer file, a cancel).
 */

export interface SliceOptions {
  /** Milliseconds of work between two yields. */
  budgetMs: number;
  /** Gives the event loop a turn (default: a macrotask, setTimeout 0). */
  yieldNow: () => Promise<void>;
  /** The clock (default: performance.now or Date.now). */
  now: () => number;
  /** True once the run this loop belongs to was replaced or cancelled: the loop stops. */
  stale: () => boolean;
  /** Told at each yield: items done so far. */
  onProgress?: (done: number) => void;
}

export const DEFAULT_SLICE_MS: number = 12;

export function defaultClock(): () => number {
  return typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();
}

/** Resolvers waiting for the page's message channel, first in first out. */
interface Turns {
  post: () => void;
  waiting: Array<() => void>;
}
let turns: Turns | undefined;

/** A MessageChannel of the page's, when it has one (a browser document); undefined elsewhere. */
function pageTurns(): Turns | undefined {
  if (turns !== undefined) {
    return turns;
  }
  if (typeof document === 'undefined' || typeof MessageChannel !== 'function') {
    return undefined;
  }
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => {
    const next = waiting.shift();
    if (next) {
      next();
    }
  };
  // Where ports can hold a process open (Node), they must not.
  const port1 = channel.port1 as MessagePort & { unref?: () => void };
  if (typeof port1.unref === 'function') {
    port1.unref();
  }
  turns = { post: () => channel.port2.postMessage(undefined), waiting };
  return turns;
}

/**
 * Gives the event loop a turn: a new task, so input and rendering get theirs. In a page, a MessageChannel message —
 * browsers clamp nested `setTimeout(0)` to 4 ms (HTML: timers nested more than 5 deep), which would add a third to
 * slices of 12 ms; elsewhere (Node, tests) `setTimeout(0)`.
 */
export function macrotask(): Promise<void> {
  const page = pageTurns();
  if (page !== undefined) {
    return new Promise<void>((resolve) => {
      page.waiting.push(resolve);
      page.post();
    });
  }
  return new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });
}

/**
 * Calls `body(i)` for i = 0 … count-1 in slices; a body that returns false ends the loop there. Resolves true when the
 * loop ended (every item done, or ended by the body), false when the run went stale (then nothing more is done). The
 * clock is read every 64 items.
 */
export async function forEachSliced(count: number, body: (i: number) => boolean | void, options: SliceOptions): Promise<boolean> {
  let deadline = options.now() + options.budgetMs;
  for (let i = 0; i < count; i++) {
    if (body(i) === false) {
      break;
    }
    if ((options.budgetMs <= 0 || (i & 63) === 63) && options.now() >= deadline) {
      if (options.onProgress) {
        options.onProgress(i + 1);
      }
      await options.yieldNow();
      if (options.stale()) {
        return false;
      }
      deadline = options.now() + options.budgetMs;
    }
  }
  return !options.stale();
}
