/**
 * Bulk provisioning requests: addresses in chunks of at most 199, sent one chunk after the other (gentle on
 * SharePoint throttling), each chunk's result kept in the state and appended to the shared log as one entry.
 *
 * Calling again with the previous state re-sends only the chunks that failed (or were never sent): an address that
 * was enqueued successfully is never sent again. A log write that fails does not lose the result: the state keeps the
 * entry (`unlogged`, `logWarning`) and the next call writes it first.
 *
 * One sender at a time per tenant: each chunk's turn (read the log, send, record) runs under the log's lease when the
 * log is shared (an ETag-guarded item in the SharePoint list: two admins in two browsers), inside the tabs' lock of this
 * browser when one is given (`exclusive`). A session that finds the turn taken waits, says for whom, and then reads the
 * log — so it leaves out what the other just sent.
 */
import * as strings from 'ProvisioningStrings';
import { format } from '../common/format';
import { guarded, type Failure } from '../common/outcome';
import type { LeaseHolder, ProvisioningLogEntry, ProvisioningLogStore, ProvisioningRequester } from './ports';
import { addressKey, uniqueAddresses } from './addresses';
import { MAX_ADDRESSES_PER_CALL, chunk } from './chunk';
import { DEFAULT_LEASE_MS, DEFAULT_LEASE_POLL_MS, recentlyRequested, timerSleep, waitForTurn } from './sendTurn';

export { DEFAULT_LEASE_MS, DEFAULT_LEASE_POLL_MS } from './sendTurn';

export interface ChunkResult {
  /** Position of the chunk in the whole request (stable across retries). */
  index: number;
  emails: string[];
  ok: boolean;
  /** Why the last attempt failed (a 200 whose body carries an error is a failure too). */
  failure?: Failure;
  /** How many times the chunk was sent; 0 when it was never sent (e.g. cancelled before its turn). */
  attempts: number;
  /** When it was last sent (ISO 8601). */
  sentAt?: string;
  /**
   * Addresses left out because the shared log, read just before sending, shows them requested by someone else within
   * the pending window (another tab or another admin): never enqueued twice.
   */
  alreadyRequested?: string[];
}

export interface BulkRequestState {
  chunks: ChunkResult[];
  /** Log entries that could not be written yet; the next call writes them first. */
  unlogged: ProvisioningLogEntry[];
  /** Set when a log write failed: the results are in this state, but not (yet) in the shared log. */
  logWarning?: string;
  logFailure?: Failure;
  /** The run stopped early because it was cancelled; unsent chunks have attempts 0. */
  cancelled: boolean;
  /**
   * Set when the turn to send could not be claimed in the shared log (the service's answer): the request went on
   * without it, so another admin requesting the same users at that moment may have enqueued them too.
   */
  leaseWarning?: string;
  leaseFailure?: Failure;
}

export interface BulkRequestProgress {
  /** Chunks sent in this run so far. */
  chunksDone: number;
  /** Chunks this run has to send. */
  chunksTotal: number;
  /** All chunks of the request, sent or not. */
  results: ChunkResult[];
  /** Set while another session (another admin, or a tab of another browser) holds the turn to send. */
  waitingFor?: { holder: LeaseHolder; until: string };
}

export interface RequestProvisioningOptions {
  /** Who asks (the signed-in admin's UPN), as recorded in the log. */
  requestedBy: string;
  now: () => Date;
  onProgress?: (progress: BulkRequestProgress) => void;
  /** Stops before the next chunk; a chunk already sent is never abandoned halfway. */
  signal?: AbortSignal;
  /** The state of an earlier run: only its failed or unsent chunks are sent again. */
  previous?: BulkRequestState;
  /** Log entry ids (default: time-based and random). */
  newId?: () => string;
  /**
   * Runs one chunk's turn — read the shared log, send, record — while no other tab of this browser runs its own
   * (a lock per tenant): two tabs then never send the same addresses at once, because the second reads the log after
   * the first recorded its chunk. Rejects with an AbortError when `signal` fires while waiting for the lock.
   */
  exclusive?: <T>(work: () => Promise<T>, signal?: AbortSignal) => Promise<T>;
  /** This session, as it claims the shared turn to send (default: a random id, and `requestedBy` as the name). */
  session?: string;
  /** How long a claimed turn lasts if it is never released (default 3 minutes: a chunk's send with throttling waits). */
  leaseMs?: number;
  /** How often a waiting session asks again for the turn (default 2 s). */
  leasePollMs?: number;
  /** Waits between claims (default: a timer, cut short by `signal`). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function defaultId(now: Date, index: number): string {
  return 'req-' + now.getTime().toString(36) + '-' + String(index) + '-' + Math.floor(Math.random() * 2176782336).toString(36);
}

function copyChunk(result: ChunkResult): ChunkResult {
  const copy: ChunkResult = { index: result.index, emails: result.emails.slice(), ok: result.ok, attempts: result.attempts };
  if (result.failure !== undefined) {
    copy.failure = result.failure;
  }
  if (result.sentAt !== undefined) {
    copy.sentAt = result.sentAt;
  }
  return copy;
}

/** Requests personal sites for the addresses (see the module comment). Never throws. */
export async function requestProvisioning(
  requester: ProvisioningRequester,
  log: ProvisioningLogStore,
  emails: ReadonlyArray<string>,
  opts: RequestProvisioningOptions,
): Promise<BulkRequestState> {
  const previous = opts.previous;
  const chunks: ChunkResult[] = previous ? previous.chunks.map(copyChunk) : [];

  // New addresses: any not already part of the request (sent or not) go into new chunks.
  const known = new Set<string>();
  for (let c = 0; c < chunks.length; c++) {
    const list = (chunks[c] as ChunkResult).emails;
    for (let k = 0; k < list.length; k++) {
      known.add(addressKey(list[k] as string));
    }
  }
  const fresh: string[] = [];
  const unique = uniqueAddresses(emails);
  for (let i = 0; i < unique.length; i++) {
    if (!known.has(addressKey(unique[i] as string))) {
      fresh.push(unique[i] as string);
    }
  }
  const freshChunks = chunk(fresh, MAX_ADDRESSES_PER_CALL);
  for (let i = 0; i < freshChunks.length; i++) {
    chunks.push({ index: chunks.length, emails: freshChunks[i] as string[], ok: false, attempts: 0 });
  }

  const state: BulkRequestState = { chunks, unlogged: [], cancelled: false };
  let lastLogFailure: Failure | undefined;
  let leaseFailure: Failure | undefined;
  const holder: LeaseHolder = { session: opts.session ?? 'session-' + Math.floor(Math.random() * 2176782336).toString(36) + '-' + Date.now().toString(36), name: opts.requestedBy };
  const sleep = opts.sleep ?? timerSleep;

  const writeLog = async (entry: ProvisioningLogEntry): Promise<void> => {
    const written = await guarded(() => log.append(entry));
    if (!written.ok) {
      state.unlogged.push(entry);
      lastLogFailure = written;
    }
  };

  // Entries an earlier run could not write come first: the log should tell what was sent.
  if (previous) {
    for (let i = 0; i < previous.unlogged.length; i++) {
      await writeLog(previous.unlogged[i] as ProvisioningLogEntry);
    }
  }

  const toSend: ChunkResult[] = [];
  for (let c = 0; c < chunks.length; c++) {
    if (!(chunks[c] as ChunkResult).ok) {
      toSend.push(chunks[c] as ChunkResult);
    }
  }

  // Entries this run wrote (its own requests are not "someone else's").
  const ownIds = new Set<string>();
  let sent = 0;
  let waitingFor: BulkRequestProgress['waitingFor'];
  const report = (): void => {
    if (opts.onProgress) {
      opts.onProgress({ chunksDone: sent, chunksTotal: toSend.length, results: chunks, ...(waitingFor ? { waitingFor } : {}) });
    }
  };
  report();

  for (let i = 0; i < toSend.length; i++) {
    if (opts.signal && opts.signal.aborted) {
      state.cancelled = true;
      break;
    }
    const current = toSend[i] as ChunkResult;
    const sendChunk = async (): Promise<void> => {
      const sentAt = opts.now();
      // Two tabs or two admins may request the same users at once: read the shared log right before sending and
      // leave out whoever someone else requested within the pending window.
      const others = await recentlyRequested(log, ownIds, sentAt);
      const alreadyRequested = current.emails.filter((email) => others.has(addressKey(email)));
      if (alreadyRequested.length > 0) {
        current.alreadyRequested = alreadyRequested;
        current.emails = current.emails.filter((email) => !others.has(addressKey(email)));
      }
      if (current.emails.length === 0) {
        current.ok = true;
        delete current.failure;
        return;
      }
      const outcome = await guarded(() => requester.enqueue(current.emails.slice()));
      current.attempts++;
      current.sentAt = sentAt.toISOString();
      current.ok = outcome.ok;
      if (outcome.ok) {
        delete current.failure;
      } else {
        current.failure = outcome;
      }

      const entry: ProvisioningLogEntry = {
        id: opts.newId ? opts.newId() : defaultId(sentAt, current.index),
        requestedBy: opts.requestedBy,
        requestedAt: current.sentAt,
        emails: current.emails.slice(),
        result: outcome.ok ? 'enqueued' : 'failed',
      };
      if (!outcome.ok) {
        entry.detail = format(strings.LogEntryFailureDetail, outcome.status, outcome.code, outcome.message);
      }
      ownIds.add(entry.id);
      await writeLog(entry);
    };
    /** One chunk's turn; false when it was cancelled while waiting for the shared turn (nothing sent). */
    const turn = async (): Promise<boolean> => {
      const lease = log.lease;
      const claimed = lease
        ? await waitForTurn(lease, holder, {
            leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
            pollMs: opts.leasePollMs ?? DEFAULT_LEASE_POLL_MS,
            now: opts.now,
            sleep,
            ...(opts.signal ? { signal: opts.signal } : {}),
            onRefused: (failed) => {
              leaseFailure = failed;
            },
            onWaiting: (waiting) => {
              waitingFor = waiting;
              report();
            },
          })
        : 'free';
      if (claimed === 'cancelled') {
        return false;
      }
      try {
        await sendChunk();
      } finally {
        if (claimed === 'held' && lease) {
          // A release that fails leaves the lease to expire: the others wait at most until then.
          await guarded(() => lease.release(holder, opts.now()));
        }
      }
      return true;
    };
    let done = true;
    if (opts.exclusive) {
      let locked = false;
      try {
        await opts.exclusive(async () => {
          locked = true;
          done = await turn();
        }, opts.signal);
      } catch (error) {
        if ((error as Error | undefined)?.name === 'AbortError' || (opts.signal && opts.signal.aborted)) {
          if (!locked) {
            // Cancelled while another tab held the lock: this chunk was not sent.
            done = false;
          }
        } else if (!locked) {
          // The lock itself failed: send anyway (the log read still leaves out others' recent requests).
          done = await turn();
        }
      }
    } else {
      done = await turn();
    }
    if (!done) {
      state.cancelled = true;
      break;
    }
    sent++;
    report();
  }

  if (leaseFailure !== undefined) {
    state.leaseFailure = leaseFailure;
    state.leaseWarning = format(strings.LeaseWarning, leaseFailure.status, leaseFailure.message);
  }
  if (lastLogFailure !== undefined) {
    state.logFailure = lastLogFailure;
    state.logWarning = format(
      log.kind === 'sharepoint-list' ? strings.LogWarningList : strings.LogWarningBrowser,
      state.unlogged.length,
      lastLogFailure.message,
    );
  }
  return state;
}

/** Addresses of the chunks that failed (or were never sent): the ones to offer in the PowerShell fallback. */
export function unsentAddresses(state: BulkRequestState): string[] {
  const addresses: string[] = [];
  for (let c = 0; c < state.chunks.length; c++) {
    const result = state.chunks[c] as ChunkResult;
    if (!result.ok) {
      for (let k = 0; k < result.emails.length; k++) {
        addresses.push(result.emails[k] as string);
      }
    }
  }
  return addresses;
}

/** Counts of the request's chunks by outcome. */
export function summarize(state: BulkRequestState): { succeeded: number; failed: number; notSent: number; addressesEnqueued: number } {
  const summary = { succeeded: 0, failed: 0, notSent: 0, addressesEnqueued: 0 };
  for (let c = 0; c < state.chunks.length; c++) {
    const result = state.chunks[c] as ChunkResult;
    if (result.ok) {
      summary.succeeded++;
      summary.addressesEnqueued += result.emails.length;
    } else if (result.attempts === 0) {
      summary.notSent++;
    } else {
      summary.failed++;
    }
  }
  return summary;
}
