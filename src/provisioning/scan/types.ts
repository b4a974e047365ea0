/** The scan's types: what it reads, keeps, reports and returns. */
import type { Failure } from '../../common/outcome';
import type { LicenseFamily } from '../licensing';
import type { LicenseReadingReport, ScanPorts } from '../ports';

/** A considered user, as little as the scan and the list of unprovisioned users need. */
export interface CompactUser {
  id: string;
  upn: string;
  mail?: string;
  displayName: string;
  department?: string;
  /** Which plan family gives this user a OneDrive. */
  license: LicenseFamily;
  /** Multi-Geo: the user's preferredDataLocation (their OneDrive lives, or must be requested, in that geo). */
  geo?: string;
}

/** A considered user without a personal site. */
export type UnprovisionedUser = CompactUser;

export type ScanMethod = 'tenant-admin' | 'per-user';

export interface ExclusionCounts {
  guests: number;
  disabled: number;
  unlicensed: number;
}

/** 'reading': the two paged reads; 'per-user': the slow fallback, checking each considered user. */
export type ScanPhase = 'reading' | 'per-user';

export interface ScanProgress {
  phase: ScanPhase;
  userPagesDone: number;
  sitePagesDone: number;
  /** Directory users read so far (all of them, excluded ones too). */
  usersSeen: number;
  /** Personal sites read so far. */
  sitesSeen: number;
  /** Pages both reads will take, when it can be told (from the services' counts or page sizes). */
  estimatedTotalPages?: number;
  /** Per-user phase: considered users checked so far, and how many there are to check. */
  usersChecked?: number;
  usersToCheck?: number;
}

/** Where an interrupted scan stands. Plain JSON: a UI can store it and pass it back as `resumeFrom`. */
export interface ScanCheckpoint {
  version: 1;
  usersNext?: string;
  sitesNext?: string;
  /** The users read has reached its last page. */
  usersDone: boolean;
  /** The personal-site read has reached its last page (or was given up for per-user reads). */
  sitesDone: boolean;
  userPagesDone: number;
  sitePagesDone: number;
  usersSeen: number;
  sitesSeen: number;
  /** Page sizes and service counts seen, for the progress estimate after a resume. */
  usersTotal?: number;
  userPageSize?: number;
  sitesTotal?: number;
  sitePageSize?: number;
  excluded: ExclusionCounts;
  /** Considered users read so far. */
  users: CompactUser[];
  /** Comparison keys (lowercased addresses) of the personal sites' owners found so far. */
  siteOwners: string[];
  method: ScanMethod;
  methodNotice?: string;
  /** The enumeration's failure that made the scan use the per-user method. */
  methodReason?: Failure;
  /** Per-user method: how many of `users` (in order) have been checked. */
  perUserChecked?: number;
  /** Multi-Geo: users of other geos (not listed by this admin host) are being checked per user. */
  geoChecked?: boolean;
  /** How many of `siteOwners` came from the admin host's enumeration (the rest from per-user checks). */
  enumeratedOwners?: number;
  /** Per-user method: ids of users whose OneDrive state could not be told (an error other than "mysite not found"). */
  undeterminedIds?: string[];
  /** The first such error, as the reason shown. */
  undeterminedReason?: Failure;
  /** Personal sites the enumeration listed without an owner (their users are checked one by one). */
  sitesWithoutOwner?: number;
  /** Users not matched to a listed OneDrive are being checked one by one (because of sites without an owner). */
  unmatchedChecked?: boolean;
}

export interface ScanResult {
  /** Licensed, enabled member users. */
  considered: number;
  excluded: ExclusionCounts;
  /** Considered users without a personal site, in directory order. */
  unprovisioned: UnprovisionedUser[];
  /** Considered users with a personal site. */
  provisionedCount: number;
  /** Comparison keys (UPN and mail, lowercased) of the considered users with a personal site: lets tracking tell "provisioned" from "out of scope". */
  provisionedAddresses: string[];
  /**
   * The sign-in name (UPN, as the directory writes it) of the user of each entry of `provisionedAddresses`, same index:
   * what a migration list shows for a row the scan resolves. The user's own string, so an entry costs one reference.
   */
  provisionedUpns: string[];
  method: ScanMethod;
  /** Why the slower per-user method was used, when it was. */
  methodNotice?: string;
  /** The enumeration's failure behind the per-user method (status, code, correlation id), when it was used. */
  methodReason?: Failure;
  /**
   * Considered users whose OneDrive state could not be told (per-user method: an answer other than `mySite: null` or
   * 404 "mysite not found"). Counted apart, never as unprovisioned; a re-check reads them again.
   */
  undetermined: UnprovisionedUser[];
  /** Why they could not be told (the first error seen). */
  undeterminedReason?: Failure;
  /** Multi-Geo: the geos of the considered users (preferredDataLocation), when any is set. */
  geos?: string[];
  /** Multi-Geo: the geo the admin host serves, told by the users its enumeration listed (their preferredDataLocation). */
  defaultGeo?: string;
  /** Multi-Geo: users of other geos were checked per user, because one admin host lists only its own geo. */
  geoChecked?: boolean;
  /** Personal sites the enumeration listed without an owner; the users not matched were then checked one by one. */
  sitesWithoutOwner?: number;
  /** A one-line, localized notice about them, when there are any. */
  ownerlessNotice?: string;
  /** How the users pages told licensing (licences, or the assigned plans and why), when the reader says. */
  licenseReading?: LicenseReadingReport;
}

/** Which read failed: the directory users, the tenant admin's personal-site enumeration, or the per-user reads. */
export type ScanFailureSource = 'users' | 'sites' | 'per-user';

export type ScanOutcome =
  | { status: 'done'; result: ScanResult }
  | { status: 'failed'; failure: Failure; checkpoint: ScanCheckpoint; source: ScanFailureSource }
  | { status: 'cancelled'; checkpoint: ScanCheckpoint };

export type { ScanPorts };
export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  resumeFrom?: ScanCheckpoint;
  /** User ids per getOneDriveStates call in the per-user fallback (default 20: a Graph $batch holds at most 20). */
  perUserBatch?: number;
  /** getOneDriveStates calls in flight at once in the per-user fallback (default 4). */
  concurrency?: number;
  /**
   * Read users and sites by prefix, side by side (needs `ports.partitions`; fresh scans only, not a resume). Off by
   * default. `concurrency`: requests in flight in total (default 8); `splitAbovePages`: split a partition whose first
   * page shows more pages than this (default 3); `trustSitePrefixes`: do not check one by one the users left without a
   * listed site (default false: only safe if every personal URL segment starts with [a-z0-9_] — not documented).
   */
  partitioned?: { concurrency?: number; splitAbovePages?: number; trustSitePrefixes?: boolean };
}

export const DEFAULT_PER_USER_BATCH: number = 20;
export const DEFAULT_PER_USER_CONCURRENCY: number = 4;
/** Why a user is not considered, in precedence order: guest, then disabled, then unlicensed. */
export type ExclusionReason = 'guest' | 'disabled' | 'unlicensed';
