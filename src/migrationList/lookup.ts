/**
 * The directory lookups of the addresses the scan does not hold: a few port calls in flight at once, each for a chunk
 * of addresses (the adapter sends one Graph $batch per lookup stage for it), with progress, cancel and failures kept
 * per address. A failure of a whole call counts for each of its addresses; after a sign-in or network failure the
 * remaining chunks are not sent (they would fail the same way) and carry that failure.
 */
import type { Failure, Outcome } from '../common/outcome';
import type { AddressMatch, UserLookup } from './ports';

/** Addresses per port call: 20 `in` requests of 15 fill one $batch. */
export const LOOKUP_CHUNK: number = 300;
/** Port calls in flight at once. */
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
  chunk?: number;
  concurrency?: number;
  /** Addresses answered so far, of all. */
  onProgress?: (done: number, total: number) => void;
  /** Called with each call's answers as they arrive (to keep them even if the run is later replaced). */
  onAnswers?: (answers: ReadonlyMap<string, Outcome<AddressMatch>>) => void;
}

const CANCELLED: Failure = { ok: false, status: 0, code: 'Cancelled', message: 'The lookup was cancelled.' };

/** The port's answer; a port that throws (it should not) answers a failure for its addresses instead. */
async function callSafely(port: UserLookup, chunk: ReadonlyArray<string>, signal: AbortSignal | undefined): Promise<Outcome<Map<string, Outcome<AddressMatch>>>> {
  try {
    return await port.findUsersByAddress(chunk, signal);
  } catch (error) {
    return { ok: false, status: 0, code: 'UnexpectedError', message: error instanceof Error ? error.message : String(error) };
  }
}

function stopsEverything(failure: Failure): boolean {
  return failure.status === 401 || (failure.status === 0 && failure.code !== 'Cancelled');
}

export async function lookUpAddresses(port: UserLookup, keys: ReadonlyArray<string>, options: LookupOptions = {}): Promise<LookupRun> {
  const chunkSize = Math.max(1, options.chunk ?? LOOKUP_CHUNK);
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += chunkSize) {
    chunks.push(keys.slice(i, i + chunkSize));
  }
  const run: LookupRun = { answers: new Map(), failed: 0, cancelled: false };
  let next = 0;
  let done = 0;
  // Set once a failure means every later call fails the same way (shared by the workers).
  const halt: { failure?: Failure } = {};
  const haltOn = (failure: Failure): void => {
    halt.failure = failure;
  };
  const fail = (chunk: ReadonlyArray<string>, failure: Failure): void => {
    for (const key of chunk) {
      run.answers.set(key, failure);
    }
    if (run.failure === undefined && failure.code !== 'Cancelled') {
      run.failure = failure;
    }
  };
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++] as string[];
      if (options.signal && options.signal.aborted) {
        run.cancelled = true;
        fail(chunk, CANCELLED);
      } else if (halt.failure !== undefined) {
        fail(chunk, halt.failure);
      } else {
        const answer = await callSafely(port, chunk, options.signal);
        if (options.signal && options.signal.aborted) {
          run.cancelled = true;
          fail(chunk, CANCELLED);
        } else if (!answer.ok) {
          fail(chunk, answer);
          if (stopsEverything(answer)) {
            haltOn(answer);
          }
        } else {
          for (const key of chunk) {
            const one = answer.value.get(key);
            const outcome: Outcome<AddressMatch> = one !== undefined ? one : { ok: false, status: 0, code: 'MissingAnswer', message: 'The directory gave no answer for this address.' };
            run.answers.set(key, outcome);
            if (!outcome.ok && run.failure === undefined) {
              run.failure = outcome;
            }
          }
          if (options.onAnswers) {
            options.onAnswers(answer.value);
          }
        }
      }
      done += chunk.length;
      if (options.onProgress) {
        options.onProgress(done, keys.length);
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(Math.max(1, options.concurrency ?? LOOKUP_CONCURRENCY), chunks.length); w++) {
    workers.push(worker());
  }
  await Promise.all(workers);
  run.answers.forEach((answer) => {
    if (!answer.ok) {
      run.failed++;
    }
  });
  return run;
}
