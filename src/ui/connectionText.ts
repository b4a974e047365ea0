/** The connection report in words: each row's labels, and the plain text "Copy report" gives for a support ticket. */
import * as strings from 'AppStrings';
import { format } from '../common/format';
import type { ConnectionPath, FallbackKind, PathAnswer, PathOutcome, PathReport, TriedKind } from '../app/connectionReport';

export function pathLabel(path: ConnectionPath): string {
  switch (path) {
    case 'graph':
      return strings.PathGraph;
    case 'site':
      return strings.PathSite;
    case 'admin-enumeration':
      return strings.PathAdminEnumeration;
    case 'provisioning':
      return strings.PathProvisioning;
  }
}

export function outcomeLabel(outcome: PathOutcome): string {
  switch (outcome) {
    case 'ok':
      return strings.OutcomeOk;
    case 'fallback':
      return strings.OutcomeFallback;
    case 'failed':
      return strings.OutcomeFailed;
    case 'not-tried':
      return strings.OutcomeNotTried;
  }
}

export function triedLabel(tried: TriedKind): string {
  switch (tried) {
    case 'graph-reads':
      return strings.TriedGraphReads;
    case 'log-list':
      return strings.TriedLogList;
    case 'csom-enumeration':
      return strings.TriedCsomEnumeration;
    case 'enqueue-site-session':
      return strings.TriedEnqueueSiteSession;
    case 'enqueue-admin-token':
      return strings.TriedEnqueueAdminToken;
    case 'enqueue-paths':
      return strings.TriedEnqueuePaths;
  }
}

export function fallbackLabel(fallback: FallbackKind): string {
  switch (fallback) {
    case 'browser-storage':
      return strings.FallbackBrowserStorage;
    case 'per-user-graph':
      return strings.FallbackPerUserGraph;
    case 'admin-token':
      return strings.FallbackAdminToken;
    case 'powershell-script':
      return strings.FallbackPowerShell;
    case 'assigned-plans':
      return strings.FallbackAssignedPlans;
  }
}

/** "HTTP 403 Authorization_RequestDenied: message" or "no answer (NetworkError: …)". */
export function answerLabel(answer: PathAnswer): string {
  return answer.status === 0 ? format(strings.AnswerNoResponse, answer.code, answer.message) : format(strings.AnswerHttp, answer.status, answer.code, answer.message);
}

/** Plain text for a support ticket: one block per path, every field named. */
export function connectionReportText(rows: ReadonlyArray<PathReport>, when: string): string {
  const lines = [format(strings.ReportTextHeading, when)];
  for (const row of rows) {
    lines.push('');
    lines.push(`[${row.path}] ${pathLabel(row.path)}: ${outcomeLabel(row.outcome)}${row.pending ? ` (${strings.ReportPending})` : ''}`);
    lines.push(`  ${strings.ReportTried}: ${triedLabel(row.tried)}${row.host ? ` (${row.host})` : ''}`);
    if (row.answer) {
      lines.push(`  ${strings.ReportAnswer}: ${answerLabel(row.answer)}`);
      lines.push(`  ${strings.ReportCorrelation}: ${row.answer.correlationId || strings.ReportNone}`);
    }
    if (row.fallback) {
      lines.push(`  ${strings.ReportFallback}: ${fallbackLabel(row.fallback)}`);
    }
  }
  return lines.join('\n');
}
