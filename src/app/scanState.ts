/** The scan's progress and result as the users-onedrive check sees them (ScanState): orchestration, not domain. */
import type { ProvisioningLogEntry } from '../provisioning/ports';
import { createRequestTracker } from '../provisioning/pending';
import type { ScanOutcome, ScanProgress, ScanResult, UnprovisionedUser } from '../provisioning/scan';
import type { ScanState } from '../readiness/facts';

/** The finished scan as the users-onedrive check sees it; `requested` counts unprovisioned users with a pending request. */
export function toScanState(result: ScanResult, log: ReadonlyArray<ProvisioningLogEntry>, now?: Date): ScanState {
  const tracker = createRequestTracker(log, now || new Date());
  let requested = 0;
  for (let i = 0; i < result.unprovisioned.length; i++) {
    if (tracker.statusOf(result.unprovisioned[i] as UnprovisionedUser).state === 'requested') {
      requested++;
    }
  }
  const state: ScanState = {
    state: 'done',
    considered: result.considered,
    unprovisioned: result.unprovisioned.length - requested,
    requested,
    undetermined: result.undetermined.length,
    excluded: { guests: result.excluded.guests, disabled: result.excluded.disabled, unlicensed: result.excluded.unlicensed },
    method: result.method,
    ...(result.undeterminedReason ? { undeterminedReason: result.undeterminedReason } : {}),
  };
  if (result.methodNotice !== undefined) {
    state.methodNotice = result.methodNotice;
  }
  return state;
}

/** A running scan as the users-onedrive check sees it. */
export function progressToScanState(progress: ScanProgress): ScanState {
  const running: ScanState = {
    state: 'running',
    pagesDone: progress.userPagesDone + progress.sitePagesDone,
    usersSeen: progress.usersSeen,
  };
  if (progress.estimatedTotalPages !== undefined) {
    running.pagesEstimated = progress.estimatedTotalPages;
  }
  return running;
}

/** Any scan outcome as ScanState: a cancelled scan is back to idle (its checkpoint is kept by the caller). */
export function outcomeToScanState(outcome: ScanOutcome, log: ReadonlyArray<ProvisioningLogEntry>, now?: Date): ScanState {
  if (outcome.status === 'done') {
    return toScanState(outcome.result, log, now);
  }
  if (outcome.status === 'failed') {
    return { state: 'failed', reason: outcome.failure };
  }
  return { state: 'idle' };
}