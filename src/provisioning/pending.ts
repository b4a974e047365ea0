/**
 * Tracking of provisioning requests: the shared log says who was requested when; the latest scan says who still has
 * no personal site. A request stays "requested" (pending) until a re-check sees the site. Creation is queued and can
 * take up to 24 hours, so a request older than that, still without a site, is flagged overdue.
 */
import type { ProvisioningLogEntry } from './ports';
import { addressKey } from './addresses';
import type { ScanResult, UnprovisionedUser } from './scan/types';

export type ProvisioningState = 'not-provisioned' | 'requested' | 'provisioned';

/** Personal-site creation can take up to 24 hours after the request. */
export const PENDING_OVERDUE_MS: number = 24 * 60 * 60 * 1000;

/** The latest successful (enqueued) request for an address. */
export interface RequestRecord {
  requestedAt: string;
  requestedBy: string;
  /** requestedAt as milliseconds since the epoch (NaN when the log holds an unreadable date). */
  time: number;
}

export interface UserProvisioningStatus {
  state: ProvisioningState;
  requestedAt?: string;
  requestedBy?: string;
  /** Requested more than 24 hours ago and still without a site. */
  overdue?: boolean;
}

export interface RequestTracker {
  /** The latest enqueued request for this address (case-insensitive), if any. */
  requestFor(address: string): RequestRecord | undefined;
  /** The state of a user the latest scan found without a site: 'requested' (maybe overdue) or 'not-provisioned'. */
  statusOf(user: { upn: string; mail?: string }): UserProvisioningStatus;
}

function isLater(candidate: RequestRecord, current: RequestRecord | undefined): boolean {
  if (current === undefined) {
    return true;
  }
  const a = isNaN(candidate.time) ? -Infinity : candidate.time;
  const b = isNaN(current.time) ? -Infinity : current.time;
  return a >= b;
}

/** Indexes the log's enqueued requests by address. Failed requests are not requests. */
export function createRequestTracker(log: ReadonlyArray<ProvisioningLogEntry>, now: Date): RequestTracker {
  const latest = new Map<string, RequestRecord>();
  for (let i = 0; i < log.length; i++) {
    const entry = log[i] as ProvisioningLogEntry;
    if (entry.result !== 'enqueued') {
      continue;
    }
    const record: RequestRecord = { requestedAt: entry.requestedAt, requestedBy: entry.requestedBy, time: Date.parse(entry.requestedAt) };
    for (let k = 0; k < entry.emails.length; k++) {
      const key = addressKey(entry.emails[k] as string);
      if (isLater(record, latest.get(key))) {
        latest.set(key, record);
      }
    }
  }
  const nowTime = now.getTime();

  const requestFor = (address: string): RequestRecord | undefined => latest.get(addressKey(address));

  const statusOf = (user: { upn: string; mail?: string }): UserProvisioningStatus => {
    let record = requestFor(user.upn);
    if (user.mail !== undefined) {
      const byMail = requestFor(user.mail);
      if (byMail !== undefined && isLater(byMail, record)) {
        record = byMail;
      }
    }
    if (record === undefined) {
      return { state: 'not-provisioned' };
    }
    return {
      state: 'requested',
      requestedAt: record.requestedAt,
      requestedBy: record.requestedBy,
      overdue: !isNaN(record.time) && nowTime - record.time > PENDING_OVERDUE_MS,
    };
  };

  return { requestFor, statusOf };
}

export interface PendingRequest {
  user: UnprovisionedUser;
  requestedAt: string;
  requestedBy: string;
  overdue: boolean;
}

export interface CompletedRequest {
  /** The address as it was requested. */
  address: string;
  requestedAt: string;
  requestedBy: string;
}

export interface ReconcileResult {
  /** Requested and still without a site. */
  pending: PendingRequest[];
  /** The pending requests older than 24 hours (a subset of `pending`). */
  overdue: PendingRequest[];
  /** Requested, and the latest scan sees their site. */
  provisioned: CompletedRequest[];
  /** Requested addresses the latest scan does not consider (no longer licensed, enabled members, or not found). */
  outOfScope: CompletedRequest[];
  /** Users without a site and without a request. */
  notRequested: UnprovisionedUser[];
}

/** Sets the log against the latest scan: which requests are pending, overdue, or done. */
export function reconcile(log: ReadonlyArray<ProvisioningLogEntry>, scan: ScanResult, now: Date = new Date()): ReconcileResult {
  const tracker = createRequestTracker(log, now);
  const result: ReconcileResult = { pending: [], overdue: [], provisioned: [], outOfScope: [], notRequested: [] };

  // Addresses of users still without a site: those requests are pending, whatever their spelling.
  const unprovisionedKeys = new Set<string>();
  for (let i = 0; i < scan.unprovisioned.length; i++) {
    const user = scan.unprovisioned[i] as UnprovisionedUser;
    unprovisionedKeys.add(addressKey(user.upn));
    if (user.mail !== undefined) {
      unprovisionedKeys.add(addressKey(user.mail));
    }
    const status = tracker.statusOf(user);
    if (status.state === 'requested') {
      const pending: PendingRequest = {
        user,
        requestedAt: status.requestedAt as string,
        requestedBy: status.requestedBy as string,
        overdue: status.overdue === true,
      };
      result.pending.push(pending);
      if (pending.overdue) {
        result.overdue.push(pending);
      }
    } else {
      result.notRequested.push(user);
    }
  }

  const provisionedKeys = new Set<string>();
  for (let i = 0; i < scan.provisionedAddresses.length; i++) {
    provisionedKeys.add(scan.provisionedAddresses[i] as string);
  }

  // Every requested address once (its latest request), in log order.
  const reported = new Set<string>();
  for (let i = 0; i < log.length; i++) {
    const entry = log[i] as ProvisioningLogEntry;
    if (entry.result !== 'enqueued') {
      continue;
    }
    for (let k = 0; k < entry.emails.length; k++) {
      const address = entry.emails[k] as string;
      const key = addressKey(address);
      if (reported.has(key) || unprovisionedKeys.has(key)) {
        continue;
      }
      reported.add(key);
      const record = tracker.requestFor(address) as RequestRecord;
      const done: CompletedRequest = { address, requestedAt: record.requestedAt, requestedBy: record.requestedBy };
      if (provisionedKeys.has(key)) {
        result.provisioned.push(done);
      } else {
        result.outOfScope.push(done);
      }
    }
  }
  return result;
}
