/**
 * Each row's verdict, from what the scan already holds (no request for those) and, for the addresses it does not hold,
 * the directory's answers. Pure: the lookups are done before (lookup.ts) and passed in.
 *
 * The scan keeps the licensed, enabled members only: their OneDrive state (unprovisioned users with their request
 * state, the addresses of those with a OneDrive, those it could not tell). Guests, disabled and unlicensed users,
 * aliases and unknown addresses are not in it: they are looked up, and judged in the scan's own precedence (guest,
 * then disabled, then unlicensed).
 */
import type { Failure, Outcome } from '../common/outcome';
import { addressKey } from '../provisioning/addresses';
import { exclusionReason, type ScanResult, type UnprovisionedUser } from '../provisioning/scan';
import { toDestination, type Destination } from './address';
import type { AddressMatch } from './ports';
import { forEachSliced, type SliceOptions } from './slices';
import { emptyCounts, type MappingRow, type RowResolution, type ScanUserRow, type VerdictCounts } from './types';

/** What the scan holds of an address: the user's request state, their OneDrive (with their sign-in name), or neither told. */
export type ScanHit = { kind: 'unprovisioned'; row: ScanUserRow } | { kind: 'provisioned'; upn: string } | { kind: 'undetermined'; user: UnprovisionedUser };

/** The scan's data by address (UPN and mail, lower case). */
export interface ScanIndex {
  byKey: Map<string, ScanHit>;
}

/** Indexes the scan's result and its unprovisioned users' rows, in slices. Undefined when the run went stale. */
export async function buildScanIndex(result: ScanResult, rows: ReadonlyArray<ScanUserRow>, slice: SliceOptions): Promise<ScanIndex | undefined> {
  const byKey = new Map<string, ScanHit>();
  const provisioned = result.provisionedAddresses;
  const upns = result.provisionedUpns;
  // A user's keys (UPN, then mail) are next to each other: one hit for both.
  let last: { kind: 'provisioned'; upn: string } | undefined;
  let ok = await forEachSliced(provisioned.length, (i) => {
    const upn = upns[i] as string;
    if (last === undefined || last.upn !== upn) {
      last = { kind: 'provisioned', upn };
    }
    byKey.set(provisioned[i] as string, last);
  }, slice);
  const undetermined = result.undetermined;
  ok = ok && (await forEachSliced(undetermined.length, (i) => {
    const user = undetermined[i] as UnprovisionedUser;
    const hit: ScanHit = { kind: 'undetermined', user };
    byKey.set(addressKey(user.upn), hit);
    if (user.mail) {
      byKey.set(addressKey(user.mail), hit);
    }
  }, slice));
  // The rows are the result's unprovisioned users with their request state; without rows (no log yet) the users alone.
  const unprovisioned: ReadonlyArray<ScanUserRow> = rows.length > 0 || result.unprovisioned.length === 0 ? rows : result.unprovisioned.map((user) => ({ user, status: { state: 'not-provisioned' } }));
  ok = ok && (await forEachSliced(unprovisioned.length, (i) => {
    const row = unprovisioned[i] as ScanUserRow;
    const hit: ScanHit = { kind: 'unprovisioned', row };
    byKey.set(addressKey(row.user.upn), hit);
    if (row.user.mail) {
      byKey.set(addressKey(row.user.mail), hit);
    }
  }, slice));
  return ok ? { byKey } : undefined;
}

/** Each row's destination (the address compared, or why it is none), in slices: worked out once per list and column. */
export async function destinationsOf(rows: ReadonlyArray<MappingRow>, column: number, slice: SliceOptions): Promise<Destination[] | undefined> {
  const destinations: Destination[] = new Array<Destination>(rows.length);
  const ok = await forEachSliced(rows.length, (i) => {
    destinations[i] = toDestination((rows[i] as MappingRow).cells[column]);
  }, slice);
  return ok ? destinations : undefined;
}

/** The addresses of the rows that the scan does not hold and `known` has no answer for (each once), in slices. */
export async function addressesToLookUp(destinations: ReadonlyArray<Destination>, index: ScanIndex, known: ReadonlyMap<string, unknown>, slice: SliceOptions): Promise<string[] | undefined> {
  const keys = new Set<string>();
  const ok = await forEachSliced(destinations.length, (i) => {
    const destination = destinations[i] as Destination;
    if (destination.ok && !index.byKey.has(destination.key) && !known.has(destination.key)) {
      keys.add(destination.key);
    }
  }, slice);
  return ok ? Array.from(keys) : undefined;
}

function fromScanRow(row: ScanUserRow, matchedBy: RowResolution['matchedBy']): RowResolution {
  const base: RowResolution = {
    verdict: row.status.state === 'requested' ? 'requested' : 'not-provisioned',
    resolvedUpn: row.user.upn,
    displayName: row.user.displayName,
    user: row.user,
    ...(matchedBy !== undefined ? { matchedBy } : {}),
  };
  if (row.status.state === 'requested') {
    base.request = row.status;
  }
  return base;
}

function fromHit(hit: ScanHit, matchedBy: RowResolution['matchedBy']): RowResolution {
  switch (hit.kind) {
    case 'unprovisioned':
      return fromScanRow(hit.row, matchedBy);
    case 'provisioned':
      return { verdict: 'ready', resolvedUpn: hit.upn, ...(matchedBy !== undefined ? { matchedBy } : {}) };
    case 'undetermined':
      return { verdict: 'unknown', unknown: 'scan-undetermined', resolvedUpn: hit.user.upn, displayName: hit.user.displayName, ...(matchedBy !== undefined ? { matchedBy } : {}) };
  }
}

const NOT_LOOKED_UP: Failure = { ok: false, status: 0, code: 'NotLookedUp', message: 'The lookup did not run (it was cancelled or interrupted).' };

/** The verdict of one address (duplicates aside). */
export function resolveKey(key: string, index: ScanIndex, lookups: ReadonlyMap<string, Outcome<AddressMatch>>): RowResolution {
  const hit = index.byKey.get(key);
  if (hit !== undefined) {
    return fromHit(hit, 'scan');
  }
  const answer = lookups.get(key);
  if (answer === undefined || !answer.ok) {
    return { verdict: 'unknown', unknown: 'lookup-failed', failure: answer === undefined ? NOT_LOOKED_UP : answer };
  }
  if (!answer.value.found) {
    return { verdict: 'not-found' };
  }
  const { user, matchedBy } = answer.value;
  const who = { resolvedUpn: user.userPrincipalName, displayName: user.displayName, matchedBy };
  const excluded = exclusionReason(user);
  if (excluded !== undefined) {
    return { verdict: excluded, ...who };
  }
  // A licensed, enabled member: the scan knows them by their sign-in name or mail, unless they are newer than it.
  const known = index.byKey.get(addressKey(user.userPrincipalName)) || (user.mail ? index.byKey.get(addressKey(user.mail)) : undefined);
  if (known !== undefined) {
    const resolved = fromHit(known, matchedBy);
    return { ...resolved, resolvedUpn: resolved.resolvedUpn || user.userPrincipalName, displayName: resolved.displayName || user.displayName };
  }
  return { verdict: 'unknown', unknown: 'not-in-scan', ...who };
}

/** The rows the scan alone resolves, worked out ahead (while the lookups are in flight): their resolution and identity. */
export interface ScanResolved {
  /** Per row: its resolution (with its key) when the scan holds its address, else undefined. */
  resolutions: Array<RowResolution | undefined>;
  /** Per row: the comparison key of the user it resolved to (for duplicates), when resolved. */
  identities: Array<string | undefined>;
}

/**
 * Resolves, in slices, the rows whose address the scan holds — they need no lookup answer — so that after the lookups
 * only the looked-up rows and the duplicates are left. Undefined when the run went stale.
 */
export async function resolveFromScan(destinations: ReadonlyArray<Destination>, index: ScanIndex, slice: SliceOptions): Promise<ScanResolved | undefined> {
  const resolutions = new Array<RowResolution | undefined>(destinations.length);
  const identities = new Array<string | undefined>(destinations.length);
  const ok = await forEachSliced(destinations.length, (i) => {
    const destination = destinations[i] as Destination;
    if (!destination.ok) {
      return;
    }
    const hit = index.byKey.get(destination.key);
    if (hit !== undefined) {
      const resolved: RowResolution = { ...fromHit(hit, 'scan'), key: destination.key };
      resolutions[i] = resolved;
      identities[i] = resolved.resolvedUpn !== undefined ? addressKey(resolved.resolvedUpn) : destination.key;
    }
  }, slice);
  return ok ? { resolutions, identities } : undefined;
}

export interface Classified {
  resolutions: RowResolution[];
  counts: VerdictCounts;
}

/**
 * Every row's verdict, in file order. A row repeats an earlier one (duplicate) when it has the same address, or
 * resolves to the same user written another way (UPN, mail, alias). `ahead`: the rows the scan resolves, worked out
 * before with the same index and destinations (resolveFromScan). Undefined when the run went stale.
 */
export async function classifyRows(
  rows: ReadonlyArray<MappingRow>,
  destinations: ReadonlyArray<Destination>,
  index: ScanIndex,
  lookups: ReadonlyMap<string, Outcome<AddressMatch>>,
  slice: SliceOptions,
  ahead?: ScanResolved,
): Promise<Classified | undefined> {
  const resolutions: RowResolution[] = new Array<RowResolution>(rows.length);
  const counts = emptyCounts();
  // Lower-case addresses as written, and the sign-in names they resolved to, seen so far → the line that had them first.
  const seenAddresses = new Map<string, number>();
  const seenUsers = new Map<string, { line: number; upn?: string }>();
  const ok = await forEachSliced(rows.length, (i) => {
    const row = rows[i] as MappingRow;
    const destination = destinations[i] as Destination;
    let resolution: RowResolution;
    if (!destination.ok) {
      resolution = { verdict: 'invalid', invalid: destination.invalid };
    } else {
      const key = destination.key;
      const early = ahead !== undefined ? ahead.resolutions[i] : undefined;
      const resolved = early !== undefined ? early : { ...resolveKey(key, index, lookups), key };
      const identity = early !== undefined ? (ahead as ScanResolved).identities[i] as string : resolved.resolvedUpn !== undefined ? addressKey(resolved.resolvedUpn) : key;
      const sameAddress = seenAddresses.get(key);
      const sameUser = seenUsers.get(identity);
      if (sameAddress !== undefined) {
        resolution = { verdict: 'duplicate', key, duplicateOfLine: sameAddress, ...(resolved.resolvedUpn !== undefined ? { resolvedUpn: resolved.resolvedUpn } : {}) };
      } else if (sameUser !== undefined) {
        const upn = resolved.resolvedUpn ?? sameUser.upn;
        resolution = { verdict: 'duplicate', key, duplicateOfLine: sameUser.line, duplicateUser: true, ...(upn !== undefined ? { resolvedUpn: upn } : {}) };
      } else {
        resolution = resolved;
      }
      if (!seenAddresses.has(key)) {
        seenAddresses.set(key, row.line);
      }
      if (!seenUsers.has(identity)) {
        seenUsers.set(identity, { line: row.line, ...(resolved.resolvedUpn !== undefined ? { upn: resolved.resolvedUpn } : {}) });
      }
    }
    resolutions[i] = resolution;
    counts[resolution.verdict]++;
  }, slice);
  return ok ? { resolutions, counts } : undefined;
}
