/** Localized one-line descriptions of a scan's progress and outcome. */
import * as strings from 'ProvisioningStrings';
import { format } from '../../common/format';
import type { ScanOutcome, ScanProgress } from './types';

/** A one-line, localized description of the scan's progress. */
export function describeScanProgress(progress: ScanProgress): string {
  if (progress.phase === 'per-user') {
    return format(strings.ProgressPerUser, progress.usersChecked || 0, progress.usersToCheck || 0);
  }
  const pagesDone = progress.userPagesDone + progress.sitePagesDone;
  if (progress.estimatedTotalPages !== undefined) {
    return format(strings.ProgressReadingEstimated, pagesDone, progress.estimatedTotalPages, progress.usersSeen, progress.sitesSeen);
  }
  return format(strings.ProgressReading, pagesDone, progress.usersSeen, progress.sitesSeen);
}

/** A localized sentence for a scan that did not finish, or undefined for a finished one. */
export function describeScanOutcome(outcome: ScanOutcome): string | undefined {
  if (outcome.status === 'failed') {
    return format(strings.ScanFailed, outcome.failure.message, outcome.failure.status, outcome.failure.code);
  }
  if (outcome.status === 'cancelled') {
    return strings.ScanCancelled;
  }
  return undefined;
}
