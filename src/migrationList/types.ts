/** The migration list's types: the admin's file as parsed, the destination column, and each row's verdict. */
import type { Failure } from '../common/outcome';
import type { UserProvisioningStatus } from '../provisioning/pending';
import type { ScanResult, UnprovisionedUser } from '../provisioning/scan';
import type { MatchedBy } from './ports';

/**
 * One verdict per row (a contract: rows carry it in `data-verdict`). `unknown` is "could not tell", always with its
 * reason (the scan could not tell, a lookup failed, the user is newer than the scan).
 */
export const VERDICTS = ['ready', 'not-provisioned', 'requested', 'unlicensed', 'disabled', 'guest', 'not-found', 'duplicate', 'invalid', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type VerdictCounts = Record<Verdict, number>;

export type Delimiter = ',' | ';' | '\t' | '|' | 'none';

/** How the file's bytes were read. `text` is pasted text (no bytes). */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'text';

/** One row of the list, cells as written (quotes removed). */
export interface MappingRow {
  /** The file's line where the row starts (1-based), as an editor shows it. */
  line: number;
  cells: string[];
}

export interface ParsedList {
  fileName: string;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  /** The header row, when the file has one. */
  header?: string[];
  rows: MappingRow[];
  /** The widest row (header included). */
  columnCount: number;
}

/** How the destination column was chosen: by a known header, by its content, the only column, or by the admin. */
export type ColumnSource = 'header' | 'content' | 'only' | 'admin';

export interface ColumnChoice {
  index: number;
  source: ColumnSource;
}

/** Why a file could not be read. Worded by parseErrorText(). */
export type ParseError =
  | { kind: 'unterminated-quote'; line: number }
  | { kind: 'empty' }
  | { kind: 'no-rows' }
  | { kind: 'binary'; workbook: boolean }
  | { kind: 'too-many-rows'; max: number }
  | { kind: 'unreadable'; message: string };

/** Why a row got its verdict: what its reason and its next step are worded from (verdictText.ts). */
export interface RowResolution {
  verdict: Verdict;
  /** The destination as compared (trimmed, lower case), when it is an address. */
  key?: string;
  /** The user's sign-in name, when the row resolved to a user. */
  resolvedUpn?: string;
  displayName?: string;
  /** Where the address was found: in the scan's data, or by a directory lookup (and in which property). */
  matchedBy?: MatchedBy | 'scan';
  /** not-provisioned / requested: the user as the scan holds them (the request goes by their UPN, their geo). */
  user?: UnprovisionedUser;
  /** requested: the pending request. */
  request?: UserProvisioningStatus;
  /** duplicate: the line of the row it repeats. */
  duplicateOfLine?: number;
  /** duplicate of the same user written another way (alias, mail). */
  duplicateUser?: boolean;
  /** invalid: why. */
  invalid?: 'empty' | 'not-an-address';
  /** unknown: why. */
  unknown?: 'scan-undetermined' | 'not-in-scan' | 'lookup-failed';
  /** unknown (lookup-failed): the service's answer. */
  failure?: Failure;
}

/** An unprovisioned user with the state of their provisioning request (the controller's rows, structurally). */
export interface ScanUserRow {
  user: UnprovisionedUser;
  status: UserProvisioningStatus;
}

/** What the list is checked against: the last scan and its unprovisioned users' request states. */
export interface ScanInputs {
  result?: ScanResult;
  running: boolean;
  rows: ReadonlyArray<ScanUserRow>;
}

export type MigrationListPhase = 'empty' | 'reading' | 'parsing' | 'waiting-for-scan' | 'resolving' | 'looking-up' | 'done' | 'failed';

export interface LookupState {
  /** Addresses the scan did not hold, looked up in the directory (this run). */
  addresses: number;
  /** Of those, how many could not be looked up. */
  failed: number;
  /** The first failure, for the message. */
  failure?: Failure;
  cancelled?: boolean;
}

/** The migration list section's state, as the controller keeps it and the UI renders it. Plain data. */
export interface MigrationListView {
  phase: MigrationListPhase;
  fileName?: string;
  /** Rows parsed or resolved so far, and of how many (when known), while a phase runs. */
  progress?: { done: number; total?: number };
  error?: ParseError;
  list?: ParsedList;
  column?: ColumnChoice;
  /** One per row of `list.rows`, same order; set once every row has its verdict. */
  resolutions?: RowResolution[];
  counts?: VerdictCounts;
  lookups?: LookupState;
  /** Why the list waits: the scan is running, or it has not finished (failed, cancelled, not started). */
  waitingFor?: 'scan-running' | 'scan-not-done';
  /** When the verdicts were given (ISO 8601). */
  resolvedAt?: string;
}

export function emptyCounts(): VerdictCounts {
  return { ready: 0, 'not-provisioned': 0, requested: 0, unlicensed: 0, disabled: 0, guest: 0, 'not-found': 0, duplicate: 0, invalid: 0, unknown: 0 };
}
