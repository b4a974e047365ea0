/**
 * The directory lookups of the addresses the scan does not hold, one kind of lookup at a time for all of them: first by
 * sign-in name, then by mail for those not found, then by proxy address for those still not found (LOOKUP_ORDER).
 * Each kind is sent in chunks that fill one Graph $batch (300 addresses: 20 `in` requests of 15; proxy addresses: 20,
 * one a request), a few calls in flight at once — so the time is the number of batches over the concurrency, not the
 * chunks one after the other. Progress, cancel, and failures kept per address: a failure of a whole call counts for
 * each of its addresses, and after a sign-in or network failure the remaining calls are not sent (they would fail the
 * same way) and carry that failure.
 */
import { success, type Failure, type Outcome } from '../common/outcome';
import type { AddressMatch, MatchedBy, UserLookup } from './ports';

/** The order addresses are looked up in: sign-in name, then primary email, then any SMTP address. */
export const LOOKUP_ORDER: ReadonlyArray<MatchedBy> = ['userPrincipalName', 'mail', 'proxyAddress'];

/** Addresses per call for the `in` lookups: 20 requests of 15 fill one $batch. */
export const LOOKUP_CHUNK: number = 300;
/** Addresses per call for the proxy-address lookups: one a request, 20 requests a $batch. */
export const PROXY_LOOKUP_CHUNK: number = 20;
/** Calls in flight at once (as the scan's per-user reads). */
export const LOOKUP_CONCURRENCY: number = 4;

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

function chunksOf(keys: ReadonlyArray<string>, size: number): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += size) {
    chunks.push(keys.slice(i, i + size));
  }
  return chunks;
}

export async function lookUpAddresses(port: UserLookup, keys: ReadonlyArray<string>, options: LookupOptions = {}): Promise<LookupRun> {
  const run: LookupRun = { answers: new Map(), failed: 0, cancelled: false };
  const concurrency = Math.max(1, options.concurrency ?? LOOKUP_CONCURRENCY);
  const inChunk = Math.max(1, options.chunk ?? LOOKUP_CHUNK);
  // Set once a failure means every later call fails the same way (shared by the workers).
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

  let pending: string[] = keys.slice();
  for (const by of LOOKUP_ORDER) {
    if (pending.length === 0) {
      break;
    }
    const chunks = chunksOf(pending, by === 'proxyAddress' ? Math.min(inChunk, PROXY_LOOKUP_CHUNK) : inChunk);
    const notFound: string[][] = chunks.map(() => []);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) {
        const index = next++;
        const chunk = chunks[index] as string[];
        if (options.signal && options.signal.aborted) {
          run.cancelled = true;
          chunk.forEach((key) => settle(key, CANCELLED));
        } else if (halt.failure !== undefined) {
          const failure = halt.failure;
          chunk.forEach((key) => settle(key, failure));
        } else {
          const answer = await callSafely(port, chunk, options.signal, by);
          if (options.signal && options.signal.aborted) {
            run.cancelled = true;
            chunk.forEach((key) => settle(key, CANCELLED));
          } else if (!answer.ok) {
            chunk.forEach((key) => settle(key, answer));
            if (stopsEverything(answer)) {
              haltOn(answer);
            }
          } else {
            const final = new Map<string, Outcome<AddressMatch>>();
            for (const key of chunk) {
              const one = answer.value.get(key);
              if (one !== undefined && one.ok && !one.value.found) {
                (notFound[index] as string[]).push(key);
              } else {
                const outcome: Outcome<AddressMatch> = one !== undefined ? one : { ok: false, status: 0, code: 'MissingAnswer', message: 'The directory gave no answer for this address.' };
                settle(key, outcome);
                final.set(key, outcome);
              }
            }
            if (options.onAnswers) {
              options.onAnswers(final);
            }
          }
        }
        progress();
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = 0; w < Math.min(concurrency, chunks.length); w++) {
      workers.push(worker());
    }
    await Promise.all(workers);
    pending = ([] as string[]).concat(...notFound);
  }
  // Looked up every way: nobody has these addresses.
  const nobody = new Map<string, Outcome<AddressMatch>>();
  for (const key of pending) {
    settle(key, NOT_FOUND);
    nobody.set(key, NOT_FOUND);
  }
  if (options.onAnswers && nobody.size > 0) {
    options.onAnswers(nobody);
  }
  progress();
  run.answers.forEach((answer) => {
    if (!answer.ok) {
      run.failed++;
    }
  });
  return run;
}
