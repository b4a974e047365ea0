/** Display helpers of the users panel: failure reasons with a next step, dates, state labels. Plain functions, no React. */
import * as strings from 'UsersUiStrings';
import { format } from '../../common/format';
import type { Failure } from '../../common/outcome';
import type { LicenseFamily } from '../../provisioning/licensing';

/** "message (HTTP 403, Authorization_RequestDenied)": the service's reason, as returned. */
export function failureReason(failure: Failure): string {
  if (failure.page !== undefined) {
    // A paged read stopped by a guard (or a next link refused): an answer was read, it just cannot be followed.
    return format(strings.FailureReasonPaging, failure.message, failure.code);
  }
  if (failure.status === 0) {
    return format(strings.FailureReasonNoStatus, failure.message, failure.code);
  }
  return format(strings.FailureReason, failure.message, failure.status, failure.code);
}

/**
 * A refusal of the provisioning call (403, or 200 with an access-denied body): the known limitation of
 * CreatePersonalSiteEnqueueBulk with some sign-ins. Throttling, 5xx or no answer are not that, and say so.
 */
export function isRefusal(failure: Failure): boolean {
  return failure.status === 403 || (failure.status === 200 && /denied|unauthori[sz]ed/i.test(`${failure.code} ${failure.message}`));
}

/** What the admin can do about a failure, from its status. */
export function failureNextStep(failure: Failure): string {
  if (failure.missingScope) {
    return format(strings.NextStepPermissionScope, failure.missingScope);
  }
  if (failure.status === 401) {
    return strings.NextStepSignIn;
  }
  if (failure.status === 403) {
    return strings.NextStepPermission;
  }
  if (failure.page !== undefined && failure.code !== 'MalformedAnswer') {
    return strings.NextStepPaging;
  }
  if (failure.code === 'MalformedAnswer') {
    return strings.NextStepMalformed;
  }
  if (failure.status === 429 || failure.status === 503) {
    return failure.retryAfterSeconds !== undefined && failure.retryAfterSeconds > 0
      ? format(strings.NextStepThrottledSeconds, failure.retryAfterSeconds)
      : strings.NextStepThrottled;
  }
  if (failure.status === 0) {
    return strings.NextStepNetwork;
  }
  return strings.NextStepGeneric;
}

/** A date and time in the admin's locale; the raw text when it is not a date. */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (isNaN(time)) {
    return iso;
  }
  return new Date(time).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function licenseText(license: LicenseFamily): string {
  return license === 'sharepoint' ? strings.LicenseSharePoint : strings.LicenseOneDrive;
}
