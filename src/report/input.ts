/** What a readiness report is made of: plain data, worded where the pane words it (labels handed in). */
import type { CheckResult, CheckStatus, Who } from '../readiness/check';
import type { TenantInfo } from '../readiness/facts';
import type { GuideState, GuideStep } from '../readiness/guide';
import type { MigrationListPhase, VerdictCounts } from '../migrationList/types';
import type { ExclusionCounts, ScanMethod } from '../provisioning/scan';

export interface ReportUsers {
  state: 'done' | 'running' | 'failed' | 'not-run';
  considered?: number;
  provisioned?: number;
  notProvisioned?: number;
  requested?: number;
  overdue?: number;
  undetermined?: number;
  excluded?: ExclusionCounts;
  method?: ScanMethod;
  /** ISO 8601. */
  finishedAt?: string;
  /** Why the scan stopped, worded. */
  failure?: string;
}

export interface ReportMigrationList {
  fileName: string;
  phase: MigrationListPhase;
  rows: number;
  /** The destination column's name. */
  column?: string;
  counts?: VerdictCounts;
  /** ISO 8601. */
  resolvedAt?: string;
}

/** One row of the connection report, worded as the pane words it. */
export interface ReportConnectionRow {
  path: string;
  outcome: string;
  pathLabel: string;
  outcomeLabel: string;
  tried: string;
  host?: string;
  answer?: string;
  correlationId?: string;
  fallback?: string;
  pending?: boolean;
}

/** The pane's words for statuses, who acts and the steps' states. */
export interface ReportLabels {
  status(status: CheckStatus | 'running'): string;
  who(who: Who): string;
  guideState(state: GuideState): string;
}

export interface ReportInput {
  generatedAt: Date;
  tenant?: TenantInfo;
  runBy?: { displayName: string; userPrincipalName: string };
  connector: { displayName: string; appId?: string };
  /** Facts were still being gathered: checks without a result show as running. */
  gathering: boolean;
  checks: ReadonlyArray<CheckResult>;
  guide: ReadonlyArray<GuideStep>;
  users: ReportUsers;
  migrationList?: ReportMigrationList;
  connection: ReadonlyArray<ReportConnectionRow>;
  labels: ReportLabels;
}
