/** The slow fallback: the OneDrive state of each considered user, read per user in batches. */
import * as strings from 'ProvisioningStrings';
import { format } from '../../common/format';
import { failure, type Failure, type Outcome } from '../../common/outcome';
import type { OneDriveState } from '../../readiness/facts';
import { addressKey, addressKeyOf } from '../addresses';
import type { ScanPorts } from '../ports';
import { call, isAborted } from './chains';
import { markUndetermined, progressOf } from './checkpoint';
import { DEFAULT_PER_USER_BATCH, DEFAULT_PER_USER_CONCURRENCY, type CompactUser, type ScanCheckpoint, type ScanOptions } from './types';

export function ownerSet(state: ScanCheckpoint): Set<string> {
  const owners = new Set<string>();
  const list = state.siteOwners;
  for (let i = 0; i < list.length; i++) {
    owners.add(list[i] as string);
  }
  return owners;
}

export function hasSite(user: CompactUser, owners: Set<string>): boolean {
  return owners.has(addressKeyOf(user.upn)) || (user.mail !== undefined && owners.has(addressKeyOf(user.mail)));
}
export type PhaseEnd = { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; failure: Failure };

/** The slow fallback: read the OneDrive state of every considered user not already known to have a site. */
export async function checkPerUser(ports: ScanPorts, state: ScanCheckpoint, options: ScanOptions, only?: (user: CompactUser) => boolean): Promise<PhaseEnd> {
  const signal = options.signal;
  const batchSize = Math.max(1, Math.floor(options.perUserBatch || DEFAULT_PER_USER_BATCH));
  const concurrency = Math.max(1, Math.floor(options.concurrency || DEFAULT_PER_USER_CONCURRENCY));
  // Built on first need: when `only` keeps no user (a partitioned scan whose prefixes cover everyone), never.
  let owners: Set<string> | undefined;
  const users = state.users;
  const from = state.perUserChecked || 0;
  // Users already known to be undetermined (no UPN) are not read again here.
  const alreadyUnknown = new Set<string>(state.undeterminedIds || []);

  // Batches of user indexes still to check; `ends[b]` is the users index right after batch b.
  const batches: number[][] = [];
  const ends: number[] = [];
  let current: number[] = [];
  for (let i = from; i < users.length; i++) {
    const candidate = users[i] as CompactUser;
    if ((!only || only(candidate)) && !alreadyUnknown.has(candidate.id) && !hasSite(candidate, (owners = owners || ownerSet(state)))) {
      current.push(i);
      if (current.length === batchSize) {
        batches.push(current);
        ends.push(i + 1);
        current = [];
      }
    }
  }
  if (current.length > 0) {
    batches.push(current);
    ends.push(users.length);
  }
  let toCheck = 0;
  for (let b = 0; b < batches.length; b++) {
    toCheck += (batches[b] as number[]).length;
  }

  const finished: boolean[] = [];
  // Undetermined users of each finished batch, written to the checkpoint in batch order with perUserChecked, so a
  // resumed scan never keeps an answer for a batch it reads again.
  const unknownOf = new Map<number, Array<{ id: string; reason: Failure }>>();
  const control = { nextBatch: 0, prefix: 0, checked: 0, failure: undefined as Failure | undefined };
  const report = (): void => {
    if (options.onProgress) {
      const progress = progressOf(state, 'per-user');
      progress.usersChecked = control.checked;
      progress.usersToCheck = toCheck;
      options.onProgress(progress);
    }
  };

  const runBatch = async (b: number): Promise<void> => {
    const indexes = batches[b] as number[];
    const ids: string[] = [];
    for (let k = 0; k < indexes.length; k++) {
      ids.push((users[indexes[k] as number] as CompactUser).id);
    }
    const outcome = await call(() => ports.sites.getOneDriveStates(ids, signal));
    if (signal && signal.aborted) {
      return;
    }
    if (!outcome.ok) {
      control.failure = control.failure || outcome;
      return;
    }
    const provisioned: CompactUser[] = [];
    const unknown: Array<{ id: string; reason: Failure }> = [];
    for (let k = 0; k < indexes.length; k++) {
      const user = users[indexes[k] as number] as CompactUser;
      const one: Outcome<OneDriveState> | undefined = outcome.value.get(user.id);
      if (one === undefined) {
        control.failure = control.failure || failure(0, 'MissingResult', format(strings.PerUserMissingResult, user.upn));
        return;
      }
      if (one.ok) {
        if (one.value.provisioned) {
          provisioned.push(user);
        }
      } else if (one.status === 401 || one.status === 403) {
        // Not allowed to read users' OneDrive state at all: the scan cannot tell anyone's.
        control.failure = control.failure || one;
        return;
      } else if (one.status === 429 || (one.status === 503 && one.retryAfterSeconds !== undefined)) {
        // Throttled for longer than the transport waits: the scan stops with its checkpoint (this batch is read again),
        // so the admin can wait as long as Microsoft 365 asked and continue — never "could not tell" for throttling.
        control.failure = control.failure || one;
        return;
      } else {
        // The adapter already turned `mySite: null` and 404 "mysite not found" into "not provisioned": any other
        // answer (400/500 "Unable to retrieve user's mysite URL.", throttling left over…) means "could not tell".
        unknown.push({ id: user.id, reason: one });
      }
    }
    unknownOf.set(b, unknown);
    for (let k = 0; k < provisioned.length; k++) {
      state.siteOwners.push(addressKey((provisioned[k] as CompactUser).upn));
    }
    control.checked += indexes.length;
    finished[b] = true;
    while (control.prefix < batches.length && finished[control.prefix]) {
      for (const entry of unknownOf.get(control.prefix) || []) {
        markUndetermined(state, entry.id, entry.reason);
      }
      unknownOf.delete(control.prefix);
      control.prefix++;
    }
    state.perUserChecked = control.prefix === 0 ? from : (ends[control.prefix - 1] as number);
    report();
  };

  const worker = async (): Promise<void> => {
    while (control.failure === undefined && !isAborted(signal) && control.nextBatch < batches.length) {
      const b = control.nextBatch;
      control.nextBatch = b + 1;
      await runBatch(b);
    }
  };

  report();
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(concurrency, batches.length); w++) {
    workers.push(worker());
  }
  await Promise.all(workers);

  if (signal && signal.aborted) {
    return { kind: 'cancelled' };
  }
  if (control.failure !== undefined) {
    return { kind: 'failed', failure: control.failure };
  }
  return { kind: 'done' };
}