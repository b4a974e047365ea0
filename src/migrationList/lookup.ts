/**
 * The directory lookups of the addresses the scan does not hold: by sign-in name, then by mail for those not found, then
 * by proxy address for those still not found (LOOKUP_ORDER). An address outside the tenant's verified domains is nobody's
 * sign-in name (domains.ts): it starts at the mail lookup. Each kind is sent in chunks that fill one Graph $batch (300
 * addresses: 20 requests of 15 — `in` for sign-in name and mail, `any` clauses joined by `or` for proxy addresses),
 * LOOKUP_CONCURRENCY calls in flight at once, and the kinds overlap: the addresses a call did not find are queued for
 * the next kind at once (cut into full chunks, the kinds taking turns; what does not fill a chunk goes as soon as a call
 * is free), so the time is about the number of batches over the concurrency, not one wave of each kind after the other.
 * Progress, cancel, and failures kept per address: a failure of a whole call counts for each of its addresses, and after
 * a sign-in or network failure the remaining calls are not sent (they would fail the same way) and carry that failure.
 */
import { success, type Failure, type Outcome } from '../common/outcome';
import { couldBeSignInName, type TenantDomains } from './domains';
import type { AddressMatch, MatchedBy, UserLookup } from './ports';

/** The order addresses are looked up in: sign-in name, then primary email, then any SMTP address. */
export const LOOKUP_ORDER: ReadonlyArray<MatchedBy> = ['userPrincipalName', 'mail', 'proxyAddress'];

/** Addresses per call for the `in` lookups: 20 requests of 15 fill one $batch. */
export const LOOKUP_CHUNK: number = 300;
/** Addresses per call for the proxy-address lookups: 15 `any` clauses joined by `or` a request, 20 requests a $batch. */
export const PROXY_LOOKUP_CHUNK: number = 300;
/**
 * Calls in flight at once: 8 $batch calls are 160 requests, and a 100,000-row list with 5,500 unknown addresses about
 * 1,000 requests in all — well within Graph's directory limit for one app in one tenant (8,000 resource units per 10 s,
 * a `$select`ed users read costing 1; DESIGN.md §4); each $batch item counts as a request, and a throttled item is
 * retried on its own (directoryReader.ts).
 */
export const LOOKUP_CONCURRENCY: number = 8;

export interface LookupRun {
  /** Every address's answer (success or failure). */
  answers: Map<string, Outcome<AddressMatch>>;
  /** Addresses that could not be looked up. */
  failed: number;
  /** The first failure seen. */
  failure?: Failure;
  cancelled: boolean;
}

export interface LookupOptions {
  signal?: AbortSignal;
  /** Addresses per call for the `in` lookups (the proxy lookups take at most PROXY_LOOKUP_CHUNK). */
  chunk?: number;
  concurrency?: number;
  /** Addresses settled so far (found, failed, or known to be nobody's), of all. */
  onProgress?: (done: number, total: number) => void;
  /** Called with the final answers as they arrive — found, failed, or nobody's after every lookup — to keep them. */
  onAnswers?: (answers: ReadonlyMap<string, Outcome<AddressMatch>>) => void;
  /** The tenant's verified domains: addresses outside them skip the sign-in-name lookup. Unknown: none is skipped. */
  domains?: TenantDomains;
}

const CANCELLED: Failure = { ok: false, status: 0, code: 'Cancelled', message: 'The lookup was cancelled.' };
const NOT_FOUND: Outcome<AddressMatch> = success({ found: false });

function stopsEverything(failure: Failure): boolean {
  return failure.status === 401 || (failure.status === 0 && failure.code !== 'Cancelled');
}

/** The port's answer; a port that throws (it should not) answers a failure for its addresses instead. */
async function callSafely(port: UserLookup, chunk: ReadonlyArray<string>, signal: AbortSignal | undefined, by: MatchedBy): Promise<Outcome<Map<string, Outcome<AddressMatch>>>> {
  try {
    return await port.findUsersByAddress(chunk, signal, [by]);
  } catch (error) {
    return { ok: false, status: 0, code: 'UnexpectedError', message: error instanceof Error ? error.message : String(error) };
  }
}

interface Chunk {
  stage: number;
  keys: string[];
}

export async function lookUpAddresses(port: UserLookup, keys: ReadonlyArray<string>, options: LookupOptions = {}): Promise<LookupRun> {
  const run: LookupRun = { answers: new Map(), failed: 0, cancelled: false };
  const concurrency = Math.max(1, options.concurrency ?? LOOKUP_CONCURRENCY);
  const inChunk = Math.max(1, options.chunk ?? LOOKUP_CHUNK);
  const stages = LOOKUP_ORDER.length;
  const chunkSize = (stage: number): number => (LOOKUP_ORDER[stage] === 'proxyAddress' ? Math.min(inChunk, PROXY_LOOKUP_CHUNK) : inChunk);
  // Set once a failure means every later call fails the same way (shared by the calls in flight).
  const halt: { failure?: Failure } = {};
  const haltOn = (failure: Failure): void => {
    halt.failure = failure;
  };
  let settled = 0;
  const settle = (key: string, answer: Outcome<AddressMatch>): void => {
    run.answers.set(key, answer);
    settled++;
    if (!answer.ok && run.failure === undefined && answer.code !== 'Cancelled') {
      run.failure = answer;
    }
  };
  const progress = (): void => {
    if (options.onProgress) {
      options.onProgress(settled, keys.length);
    }
  };

  // Per kind: addresses waiting to fill a chunk, chunks ready to send, calls in flight.
  const waiting: string[][] = LOOKUP_ORDER.map(() => []);
  const ready: Chunk[][] = LOOKUP_ORDER.map(() => []);
  const inFlight: number[] = LOOKUP_ORDER.map(() => 0);
  let running = 0;
  /** Addresses not found by `stage`: on to the next kind, or nobody's after the last. */
  const nobody: string[] = [];
  const cut = (stage: number): void => {
    const size = chunkSize(stage);
    const queue = waiting[stage] as string[];
    // A kind whose kinds before it are all done can send what it has; otherwise only full chunks.
    let upstreamDone = true;
    for (let s = 0; s < stage; s++) {
      if ((waiting[s] as string[]).length > 0 || (ready[s] as Chunk[]).length > 0 || (inFlight[s] as number) > 0) {
        upstreamDone = false;
      }
    }
    const least = upstreamDone ? 1 : size;
    while (queue.length >= least) {
      (ready[stage] as Chunk[]).push({ stage, keys: queue.splice(0, size) });
    }
  };
  const passOn = (stage: number, notFound: string[]): void => {
    if (stage + 1 >= stages) {
      nobody.push(...notFound);
      return;
    }
    (waiting[stage + 1] as string[]).push(...notFound);
  };
  for (const key of keys) {
    (waiting[couldBeSignInName(key, options.domains) ? 0 : 1] as string[]).push(key);
  }

  const send = async (chunk: Chunk): Promise<void> => {
    const by = LOOKUP_ORDER[chunk.stage] as MatchedBy;
    const notFound: string[] = [];
    if (options.signal && options.signal.aborted) {
      run.cancelled = true;
      chunk.keys.forEach((key) => settle(key, CANCELLED));
    } else if (halt.failure !== undefined) {
      const failure = halt.failure;
      chunk.keys.forEach((key) => settle(key, failure));
    } else {
      const answer = await callSafely(port, chunk.keys, options.signal, by);
      if (options.signal && options.signal.aborted) {
        run.cancelled = true;
        chunk.keys.forEach((key) => settle(key, CANCELLED));
      } else if (!answer.ok) {
        chunk.keys.forEach((key) => settle(key, answer));
        if (stopsEverything(answer)) {
          haltOn(answer);
        }
      } else {
        const final = new Map<string, Outcome<AddressMatch>>();
        for (const key of chunk.keys) {
          const one = answer.value.get(key);
          if (one !== undefined && one.ok && !one.value.found) {
            notFound.push(key);
          } else {
            const outcome: Outcome<AddressMatch> = one !== undefined ? one : { ok: false, status: 0, code: 'MissingAnswer', message: 'The directory gave no answer for this address.' };
            settle(key, outcome);
            final.set(key, outcome);
          }
        }
        if (options.onAnswers && final.size > 0) {
          options.onAnswers(final);
        }
      }
    }
    passOn(chunk.stage, notFound);
    progress();
  };

  await new Promise<void>((resolve) => {
    // The scheduler: `pump` sends what can go; each call's end pumps again.
    const scheduler: { pump: () => void } = { pump: () => undefined };
    const free = (): boolean => running < concurrency;
    const launch = (chunk: Chunk): void => {
      running++;
      inFlight[chunk.stage] = (inFlight[chunk.stage] as number) + 1;
      void send(chunk).then(() => {
        running--;
        inFlight[chunk.stage] = (inFlight[chunk.stage] as number) - 1;
        scheduler.pump();
      });
    };
    scheduler.pump = (): void => {
      for (let stage = 0; stage < stages; stage++) {
        cut(stage);
      }
      // One chunk of each kind in turn, the last kinds first: a kind waiting behind another's many chunks would delay
      // what it feeds (mail answers feed the proxy-address lookups), and each kind's own chunks are independent.
      let launched = true;
      while (launched && free()) {
        launched = false;
        for (let stage = stages - 1; stage >= 0 && free(); stage--) {
          const chunk = (ready[stage] as Chunk[]).shift();
          if (chunk !== undefined) {
            launched = true;
            launch(chunk);
          }
        }
      }
      // Calls free and nothing full to send: what waits goes now, in a smaller chunk (more requests, no more time).
      for (let stage = stages - 1; stage >= 0 && free(); stage--) {
        const queue = waiting[stage] as string[];
        if (queue.length > 0) {
          launch({ stage, keys: queue.splice(0, chunkSize(stage)) });
        }
      }
      if (running === 0) {
        resolve();
      }
    };
    scheduler.pump();
  });

  // Looked up every way: nobody has these addresses.
  const none = new Map<string, Outcome<AddressMatch>>();
  for (const key of nobody) {
    settle(key, NOT_FOUND);
    none.set(key, NOT_FOUND);
  }
  if (options.onAnswers && none.size > 0) {
    options.onAnswers(none);
  }
  progress();
  run.answers.forEach((answer) => {
    if (!answer.ok) {
      run.failed++;
    }
  });
  return run;
}
