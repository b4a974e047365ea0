/** The pane's state as a readiness report's input: the same words the pane uses (its labels), plain data out. */
import * as appStrings from 'AppStrings';
import type { AppState } from '../../app/state';
import { connectionReport } from '../../app/connectionReport';
import type { CheckStatus, Who } from '../../readiness/check';
import type { GuideState, GuideStep } from '../../readiness/guide';
import { columnName } from '../../migrationList/verdictText';
import type { ReportConnectionRow, ReportInput, ReportLabels, ReportMigrationList, ReportUsers } from '../../report/input';
import { answerLabel, fallbackLabel, outcomeLabel, pathLabel, triedLabel } from '../connectionText';
import { failureReason } from '../users/displayText';
import { summarizeUsers } from '../users/summary';
import { whoLabel } from '../readiness/whoLabel';

function statusLabel(status: CheckStatus | 'running'): string {
  switch (status) {
    case 'pass':
      return appStrings.StatusPass;
    case 'warn':
      return appStrings.StatusWarn;
    case 'fail':
      return appStrings.StatusFail;
    case 'unknown':
      return appStrings.StatusUnknown;
    case 'running':
      return appStrings.StatusRunning;
  }
}

function guideStateLabel(state: GuideState): string {
  switch (state) {
    case 'done':
      return appStrings.GuideDone;
    case 'todo':
      return appStrings.GuideTodo;
    case 'blocked':
      return appStrings.GuideBlocked;
  }
}

export const REPORT_LABELS: ReportLabels = {
  status: statusLabel,
  who: (who: Who) => whoLabel(who),
  guideState: guideStateLabel,
};

function usersOf(state: AppState): ReportUsers {
  const scan = state.scan;
  if (scan.running) {
    return { state: 'running' };
  }
  if (scan.result) {
    const summary = summarizeUsers(scan.result, state.rows);
    return {
      state: 'done',
      considered: scan.result.considered,
      provisioned: summary.provisioned,
      notProvisioned: summary.notProvisioned,
      requested: summary.requested,
      overdue: summary.overdue,
      undetermined: scan.result.undetermined.length,
      excluded: summary.excluded,
      method: scan.result.method,
      ...(scan.finishedAt ? { finishedAt: scan.finishedAt } : {}),
    };
  }
  if (scan.failure) {
    return { state: 'failed', failure: failureReason(scan.failure) };
  }
  return { state: 'not-run' };
}

function migrationListOf(state: AppState): ReportMigrationList | undefined {
  const view = state.migrationList;
  if (!view.list || !view.fileName) {
    return undefined;
  }
  return {
    fileName: view.fileName,
    phase: view.phase,
    rows: view.list.rows.length,
    ...(view.column ? { column: columnName(view.list.header, view.column.index) } : {}),
    ...(view.phase === 'done' && view.counts ? { counts: view.counts } : {}),
    ...(view.phase === 'done' && view.resolvedAt ? { resolvedAt: view.resolvedAt } : {}),
  };
}

function connectionOf(state: AppState): ReportConnectionRow[] {
  return connectionReport(state, state.hosts).map((row) => ({
    path: row.path,
    outcome: row.outcome,
    pathLabel: pathLabel(row.path),
    outcomeLabel: outcomeLabel(row.outcome),
    tried: triedLabel(row.tried),
    ...(row.host ? { host: row.host } : {}),
    ...(row.answer ? { answer: answerLabel(row.answer) } : {}),
    ...(row.answer && row.answer.correlationId ? { correlationId: row.answer.correlationId } : {}),
    ...(row.fallback ? { fallback: fallbackLabel(row.fallback) } : {}),
    ...(row.pending ? { pending: true } : {}),
  }));
}

/** Everything the report shows, from the pane's state at this moment. */
export function reportInputOf(state: AppState, guide: ReadonlyArray<GuideStep>, now: Date): ReportInput {
  const facts = state.facts;
  const list = migrationListOf(state);
  return {
    generatedAt: now,
    ...(facts && facts.tenant.ok ? { tenant: facts.tenant.value } : {}),
    ...(facts && facts.me.ok ? { runBy: { displayName: facts.me.value.displayName, userPrincipalName: facts.me.value.userPrincipalName } } : {}),
    connector: { displayName: state.connector.displayName, ...(state.connector.appId ? { appId: state.connector.appId } : {}) },
    gathering: state.gathering || !facts,
    checks: state.results,
    guide,
    users: usersOf(state),
    ...(list ? { migrationList: list } : {}),
    connection: connectionOf(state),
    labels: REPORT_LABELS,
  };
}
