/** Each row's verdict in words: its label, the reason and the next step (the file's own wording, localized). */
import * as strings from 'MigrationListStrings';
import { format, isolate } from '../common/format';
import type { Failure } from '../common/outcome';
import type { MatchedBy } from './ports';
import type { ParseError, RowResolution, Verdict } from './types';

export function verdictLabel(verdict: Verdict): string {
  switch (verdict) {
    case 'ready':
      return strings.VerdictReady;
    case 'not-provisioned':
      return strings.VerdictNotProvisioned;
    case 'requested':
      return strings.VerdictRequested;
    case 'unlicensed':
      return strings.VerdictUnlicensed;
    case 'disabled':
      return strings.VerdictDisabled;
    case 'guest':
      return strings.VerdictGuest;
    case 'not-found':
      return strings.VerdictNotFound;
    case 'duplicate':
      return strings.VerdictDuplicate;
    case 'invalid':
      return strings.VerdictInvalid;
    case 'unknown':
      return strings.VerdictUnknown;
  }
}

function matchedLabel(by: MatchedBy): string {
  switch (by) {
    case 'userPrincipalName':
      return strings.MatchedUserPrincipalName;
    case 'mail':
      return strings.MatchedMail;
    case 'proxyAddress':
      return strings.MatchedProxyAddress;
  }
}

/** "HTTP 403 Authorization_RequestDenied Insufficient privileges…" or "no answer from the service (…)". */
export function failureText(failure: Failure): string {
  const text = failure.status === 0 ? format(strings.FailureNoAnswer, failure.code, failure.message) : format(strings.FailureHttp, failure.status, failure.code, failure.message).trim();
  // Throttled for longer than the product waits on its own: say how long Microsoft 365 asked, so Retry lookups is timed.
  return failure.retryAfterSeconds !== undefined ? text + format(strings.FailureWaitAsked, failure.retryAfterSeconds) : text;
}

function who(resolution: RowResolution): string {
  return isolate(resolution.resolvedUpn || resolution.key || '');
}

function shortDate(iso: string | undefined): string {
  if (!iso) {
    return '?';
  }
  const time = Date.parse(iso);
  return isNaN(time) ? iso : new Date(time).toISOString().substring(0, 16).replace('T', ' ') + ' UTC';
}

/** Why the row has its verdict, in one sentence. */
export function reasonText(resolution: RowResolution): string {
  switch (resolution.verdict) {
    case 'ready':
      return resolution.matchedBy !== undefined && resolution.matchedBy !== 'scan' && resolution.matchedBy !== 'userPrincipalName' && resolution.resolvedUpn
        ? format(strings.ReasonReadyAs, matchedLabel(resolution.matchedBy), isolate(resolution.resolvedUpn))
        : strings.ReasonReady;
    case 'not-provisioned':
      return format(strings.ReasonNotProvisioned, who(resolution));
    case 'requested': {
      const request = resolution.request;
      const template = request && request.overdue ? strings.ReasonRequestedOverdue : strings.ReasonRequested;
      return format(template, who(resolution), shortDate(request ? request.requestedAt : undefined), isolate(request && request.requestedBy ? request.requestedBy : '?'));
    }
    case 'unlicensed':
      return format(strings.ReasonUnlicensed, who(resolution));
    case 'disabled':
      return format(strings.ReasonDisabled, who(resolution));
    case 'guest':
      return format(strings.ReasonGuest, who(resolution));
    case 'not-found':
      return strings.ReasonNotFound;
    case 'duplicate':
      return resolution.duplicateUser && resolution.resolvedUpn
        ? format(strings.ReasonDuplicateUser, isolate(resolution.resolvedUpn), resolution.duplicateOfLine ?? '?')
        : format(strings.ReasonDuplicate, resolution.duplicateOfLine ?? '?');
    case 'invalid':
      return resolution.invalid === 'empty' ? strings.ReasonEmpty : strings.ReasonNotAnAddress;
    case 'unknown':
      if (resolution.unknown === 'lookup-failed') {
        return format(strings.ReasonLookupFailed, resolution.failure ? failureText(resolution.failure) : '?');
      }
      return format(resolution.unknown === 'scan-undetermined' ? strings.ReasonScanUndetermined : strings.ReasonNotInScan, who(resolution));
  }
}

/** The next step for the row. */
export function fixText(resolution: RowResolution): string {
  switch (resolution.verdict) {
    case 'ready':
      return strings.FixReady;
    case 'not-provisioned':
      return strings.FixNotProvisioned;
    case 'requested':
      return resolution.request && resolution.request.overdue ? strings.FixRequestedOverdue : strings.FixRequested;
    case 'unlicensed':
      return strings.FixUnlicensed;
    case 'disabled':
      return strings.FixDisabled;
    case 'guest':
      return strings.FixGuest;
    case 'not-found':
      return strings.FixNotFound;
    case 'duplicate':
      return strings.FixDuplicate;
    case 'invalid':
      return strings.FixInvalid;
    case 'unknown':
      return resolution.unknown === 'lookup-failed' ? strings.FixLookupFailed : strings.FixRecheck;
  }
}

/** Why a file could not be read, naming the line when there is one. */
export function parseErrorText(error: ParseError): string {
  switch (error.kind) {
    case 'unterminated-quote':
      return format(strings.ErrorUnterminatedQuote, error.line);
    case 'empty':
      return strings.ErrorEmpty;
    case 'no-rows':
      return strings.ErrorNoRows;
    case 'binary':
      return error.workbook ? strings.ErrorWorkbook : strings.ErrorBinary;
    case 'too-many-rows':
      return format(strings.ErrorTooManyRows, error.max);
    case 'unreadable':
      return format(strings.ErrorUnreadable, error.message);
  }
}

/** The name of a column: its header, or "Column N". */
export function columnName(header: ReadonlyArray<string> | undefined, index: number): string {
  const named = header && header[index] !== undefined ? (header[index] as string).trim() : '';
  return named.length > 0 ? named : format(strings.ColumnUnnamed, index + 1);
}
