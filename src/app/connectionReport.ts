/**
 * The connection report: for each way the pane reaches the tenant, what was tried, how it answered, and what the
 * product fell back to. It is how the first real tenant tells us what could not be tested without one: an admin copies
 * it into a support ticket. Pure: derived from the pane's state.
 *
 * Paths (a contract, DESIGN §3): `graph` (Microsoft Graph reads), `site` (the hosting site: the provisioning log list),
 * `admin-enumeration` (the tenant admin host's personal-site enumeration), `provisioning` (CreatePersonalSiteEnqueueBulk).
 */
import type { Failure, Outcome } from '../common/outcome';
import type { EnqueueAttempt } from '../provisioning/ports';
import type { AppPorts } from './ports';
import type { AppState } from './state';

export type ConnectionPath = 'graph' | 'site' | 'admin-enumeration' | 'provisioning';
export type PathOutcome = 'ok' | 'fallback' | 'failed' | 'not-tried';

/** Why a path ended as it did, in the terms a support engineer needs. */
export interface PathAnswer {
  status: number;
  code: string;
  message: string;
  correlationId?: string;
}

export interface PathReport {
  path: ConnectionPath;
  outcome: PathOutcome;
  /** What was tried: the calls and the host, as an identifier the UI words (see ConnectionReport.tsx). */
  tried: TriedKind;
  /** The host the path calls, when known. */
  host?: string;
  /** The answer behind a fallback or a failure. */
  answer?: PathAnswer;
  /** What the product used instead, for `fallback` (and for `failed`, what is left to the admin). */
  fallback?: FallbackKind;
  /** Still running (the scan), so the outcome may change. */
  pending?: boolean;
}

export type TriedKind =
  | 'graph-reads'
  | 'log-list'
  | 'csom-enumeration'
  | 'enqueue-site-session'
  | 'enqueue-admin-token'
  | 'enqueue-paths';

export type FallbackKind = 'browser-storage' | 'per-user-graph' | 'admin-token' | 'powershell-script' | 'assigned-plans';

export type ConnectionHosts = AppPorts['hosts'];

function answerOf(failure: Failure): PathAnswer {
  return {
    status: failure.status,
    code: failure.code,
    message: failure.message,
    ...(failure.correlationId ? { correlationId: failure.correlationId } : {}),
  };
}

function firstFailure(outcomes: ReadonlyArray<Outcome<unknown> | undefined>): Failure | undefined {
  for (const outcome of outcomes) {
    if (outcome !== undefined && !outcome.ok) {
      return outcome;
    }
  }
  return undefined;
}

function graphRow(state: AppState, hosts: ConnectionHosts): PathReport {
  const base: PathReport = { path: 'graph', outcome: 'not-tried', tried: 'graph-reads', host: hosts.graph };
  const facts = state.facts;
  const scanUsersFailed = state.scan.failureSource === 'users' || state.scan.failureSource === 'per-user' ? state.scan.failure : undefined;
  if (!facts && !scanUsersFailed) {
    return state.gathering ? { ...base, pending: true } : base;
  }
  // PIM eligibility is optional (scope or Entra ID P2 may be missing by choice): it never fails the path.
  const failed = scanUsersFailed ?? (facts ? firstFailure([facts.tenant, facts.skus, facts.me, facts.myRoles, facts.connectorApp, facts.grants, facts.assignments, facts.licensedUserCount]) : undefined);
  if (failed) {
    return { ...base, outcome: 'failed', answer: answerOf(failed) };
  }
  // Licensing read from each user's assigned plans (larger pages) instead of their licences: a fallback, with why.
  const reading = state.scan.result ? state.scan.result.licenseReading : undefined;
  if (reading && reading.source === 'plans') {
    const answer: PathAnswer | undefined = reading.failure
      ? answerOf(reading.failure)
      : reading.skus
        ? { status: 200, code: 'SubscriptionNotEnabled', message: `subscribedSkus: ${reading.skus.join(', ')}` }
        : undefined;
    return { ...base, outcome: 'fallback', fallback: 'assigned-plans', ...(answer ? { answer } : {}) };
  }
  return { ...base, outcome: 'ok' };
}

function siteRow(state: AppState, hosts: ConnectionHosts): PathReport {
  const base: PathReport = { path: 'site', outcome: 'ok', tried: 'log-list', host: hosts.site };
  const log = state.log;
  if (log.kind === 'browser') {
    return { ...base, outcome: 'fallback', fallback: 'browser-storage', ...(log.fallbackReason ? { answer: answerOf(log.fallbackReason) } : {}) };
  }
  if (log.loadFailure) {
    return { ...base, outcome: 'failed', answer: answerOf(log.loadFailure) };
  }
  return base;
}

function enumerationRow(state: AppState, hosts: ConnectionHosts): PathReport {
  const base: PathReport = { path: 'admin-enumeration', outcome: 'not-tried', tried: 'csom-enumeration', host: hosts.admin };
  const scan = state.scan;
  if (scan.failure && scan.failureSource === 'sites') {
    return { ...base, outcome: 'failed', answer: answerOf(scan.failure) };
  }
  const reason = scan.result ? scan.result.methodReason : scan.checkpoint ? scan.checkpoint.methodReason : undefined;
  const perUser = (scan.result && scan.result.method === 'per-user') || (scan.checkpoint && scan.checkpoint.method === 'per-user') || (scan.progress && scan.progress.phase === 'per-user');
  if (perUser) {
    return { ...base, outcome: 'fallback', fallback: 'per-user-graph', ...(reason ? { answer: answerOf(reason) } : {}), ...(scan.running ? { pending: true } : {}) };
  }
  if (scan.result) {
    return { ...base, outcome: 'ok' };
  }
  if (scan.running) {
    return { ...base, outcome: scan.progress && scan.progress.sitePagesDone > 0 ? 'ok' : 'not-tried', pending: true };
  }
  return base;
}

/** The provisioning row: which path took the request, which refused, and what is left. */
function provisioningRow(attempts: ReadonlyArray<EnqueueAttempt>): PathReport {
  const tried = attempts.filter((a) => a.outcome !== 'skipped');
  if (tried.length === 0) {
    return { path: 'provisioning', outcome: 'not-tried', tried: 'enqueue-paths' };
  }
  const accepted = tried.filter((a) => a.outcome === 'accepted');
  const refused = tried.filter((a) => a.outcome === 'refused');
  const failed = tried.filter((a) => a.outcome === 'failed');
  const last = accepted[accepted.length - 1];
  if (last && refused.length === 0) {
    return { path: 'provisioning', outcome: 'ok', tried: triedOf(last), host: last.host };
  }
  if (last) {
    const reason = refused[0] as EnqueueAttempt;
    return {
      path: 'provisioning',
      outcome: 'fallback',
      tried: triedOf(reason),
      host: reason.host,
      fallback: last.path === 'admin-token' ? 'admin-token' : 'powershell-script',
      ...(reason.failure ? { answer: answerOf(reason.failure) } : {}),
    };
  }
  const worst = failed[failed.length - 1] ?? refused[refused.length - 1];
  return {
    path: 'provisioning',
    outcome: 'failed',
    tried: 'enqueue-paths',
    ...(worst ? { host: worst.host } : {}),
    fallback: 'powershell-script',
    ...(worst && worst.failure ? { answer: answerOf(worst.failure) } : {}),
  };
}

function triedOf(attempt: EnqueueAttempt): TriedKind {
  return attempt.path === 'site-session' ? 'enqueue-site-session' : 'enqueue-admin-token';
}

/** One row per path, in the contract's order. */
export function connectionReport(state: AppState, hosts: ConnectionHosts): PathReport[] {
  return [graphRow(state, hosts), siteRow(state, hosts), enumerationRow(state, hosts), provisioningRow(state.provisioningAttempts)];
}
