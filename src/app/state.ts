/** The state of the pane, as the controller keeps it and the UI renders it. Plain data, no behaviour. */
import type { CheckResult } from '../readiness/check';
import type { ConnectorSettings, TenantFacts } from '../readiness/facts';
import type { UserProvisioningStatus } from '../provisioning/pending';
import type { BulkRequestProgress, BulkRequestState } from '../provisioning/requestProvisioning';
import type { ScanCheckpoint, ScanFailureSource, ScanProgress, ScanResult, UnprovisionedUser } from '../provisioning/scan';
import type { Failure } from '../common/outcome';
import type { EnqueueAttempt, ProvisioningLogEntry } from '../provisioning/ports';
import type { MigrationListView } from '../migrationList/types';
import type { TransportWait } from './transportPorts';

export interface ScanView {
  running: boolean;
  progress?: ScanProgress;
  result?: ScanResult;
  /** Why the last scan stopped early. */
  failure?: Failure;
  /** Which read stopped it. */
  failureSource?: ScanFailureSource;
  cancelled?: boolean;
  /** Where an interrupted scan can resume from. */
  checkpoint?: ScanCheckpoint;
  /** When the last complete scan finished (ISO 8601). */
  finishedAt?: string;
  /** The running scan is waiting: Microsoft 365 throttled (or failed) a request and it is sent again at `until`. */
  wait?: TransportWait;
  /** "Wait and continue": the interrupted scan resumes at this time (ISO 8601), as long as Microsoft 365 asked. */
  resumeAt?: string;
}

export interface LogView {
  entries: ProvisioningLogEntry[];
  /** Where the log lives: the shared SharePoint list, or (fallback) this browser only. */
  kind: 'sharepoint-list' | 'browser';
  /** Why the shared list is not used, when it is not. */
  fallbackReason?: Failure;
  /** The log could not be read at all. */
  loadFailure?: Failure;
}

export interface RequestView {
  running: boolean;
  progress?: BulkRequestProgress;
  state?: BulkRequestState;
}

/** One unprovisioned user with the state of their provisioning request. */
export interface UserRow {
  user: UnprovisionedUser;
  status: UserProvisioningStatus;
}

export interface AppState {
  connector: ConnectorSettings;
  /** Facts are being (re)gathered: checks show as running. */
  gathering: boolean;
  facts?: TenantFacts;
  /** Check results, evaluated from the facts and the scan's state. Empty until the first gather ends. */
  results: CheckResult[];
  scan: ScanView;
  /** The unprovisioned users of the last complete scan, with their request state from the log. */
  rows: UserRow[];
  log: LogView;
  request: RequestView;
  /** The tenant admin host, for the PowerShell export. */
  adminUrl: string;
  /** The hosts the adapters call (connection report). */
  hosts: { graph: string; site: string; admin: string };
  /** Every provisioning path tried by the last request (all its chunks), for the connection report. */
  provisioningAttempts: EnqueueAttempt[];
  /** The migration list section: the admin's file, its destination column and each row's verdict. */
  migrationList: MigrationListView;
  /** The transport is waiting (throttled, or backing off after a failure): until it sends again. */
  wait?: TransportWait;
}
