/**
 * users-onedrive: every licensed, enabled member user has a provisioned OneDrive (seed: "User provisioning").
 * Reads the tenant-wide scan's state; while it runs the check is `running` (status unknown, data-status="running").
 */
import * as strings from 'ReadinessStrings';
import { clockTime, format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { ScanWait, TenantFacts } from '../facts';
import { pagingStopEvidence, unknownFromFailure } from '../unknown';

/** "Microsoft 365 asked us to wait N s (throttled) — continuing at hh:mm:ss", or the backoff's own wait. */
function waitLine(wait: ScanWait): string {
  const template = wait.asked ? strings.UsersOneDriveWaitAsked : strings.UsersOneDriveWaitBackoff;
  return format(template, wait.seconds, clockTime(wait.until), wait.status);
}

const ID = 'users-onedrive' as const;

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleUsersOneDrive;
  const scan = facts.scan;

  switch (scan.state) {
    case 'idle':
      return { id: ID, title, status: 'unknown', evidence: [strings.UsersOneDriveIdle], nextStep: strings.UsersOneDriveIdleNextStep, who: 'sharepoint-admin' };
    case 'running': {
      const progress =
        scan.pagesEstimated !== undefined && scan.pagesEstimated > 0
          ? format(strings.UsersOneDriveRunningOf, scan.pagesDone, scan.pagesEstimated, scan.usersSeen)
          : format(strings.UsersOneDriveRunning, scan.pagesDone, scan.usersSeen);
      const evidence = [progress];
      if (scan.waiting) {
        evidence.push(waitLine(scan.waiting));
      }
      return { id: ID, title, status: 'unknown', running: true, evidence, nextStep: strings.UsersOneDriveRunningNextStep, who: 'sharepoint-admin' };
    }
    case 'failed': {
      const result = unknownFromFailure(ID, title, scan.reason, strings.WhatScan, facts);
      const stop = pagingStopEvidence(scan.reason);
      if (stop === undefined) {
        return result;
      }
      // A paged read stopped part-way: say so first, with the reason as the scan gave it, and show what was read only
      // as incomplete.
      const evidence = [stop, format(strings.PagingStopReason, scan.reason.message, scan.reason.code)];
      if (scan.partial) {
        evidence.push(
          scan.partial.usersTotal !== undefined
            ? format(strings.UsersOneDriveIncompleteOf, scan.partial.usersSeen, scan.partial.usersTotal, scan.partial.considered)
            : format(strings.UsersOneDriveIncomplete, scan.partial.usersSeen, scan.partial.considered),
        );
      }
      return { ...result, evidence, nextStep: strings.UsersOneDrivePagingStopNextStep };
    }
    case 'done':
      break;
  }

  const evidence = [
    format(strings.UsersOneDriveCounts, scan.considered, scan.unprovisioned, scan.requested),
    format(strings.UsersOneDriveExcluded, scan.excluded.guests, scan.excluded.disabled, scan.excluded.unlicensed),
    strings.UsersOneDrivePopulation,
  ];
  if (scan.method === 'per-user') {
    evidence.push(scan.methodNotice ? format(strings.UsersOneDrivePerUserNotice, scan.methodNotice) : strings.UsersOneDrivePerUser);
  }
  if (scan.undetermined > 0) {
    const reason = scan.undeterminedReason;
    evidence.push(
      reason
        ? format(strings.UsersOneDriveUndeterminedBecause, scan.undetermined, reason.status, reason.code, reason.message)
        : format(strings.UsersOneDriveUndetermined, scan.undetermined),
    );
  }

  if (scan.unprovisioned > 0) {
    return { id: ID, title, status: 'fail', evidence, nextStep: strings.UsersOneDriveFailNextStep, who: 'sharepoint-admin' };
  }
  if (scan.undetermined > 0) {
    return { id: ID, title, status: 'unknown', evidence, nextStep: strings.UsersOneDriveUndeterminedNextStep, who: 'sharepoint-admin' };
  }
  if (scan.requested > 0) {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence,
      nextStep: format(strings.UsersOneDrivePendingNextStep, scan.requested),
      who: 'sharepoint-admin',
    };
  }
  if (scan.considered === 0) {
    // "All 0 users have a OneDrive" is no pass: nobody can have one.
    return { id: ID, title, status: 'warn', evidence: [strings.UsersOneDriveNobody].concat(evidence.slice(1)), nextStep: strings.UsersOneDriveNobodyNextStep, who: 'global-admin' };
  }
  return { id: ID, title, status: 'pass', evidence: [format(strings.UsersOneDrivePass, scan.considered)].concat(evidence.slice(1)) };
}

export const usersOneDriveCheck: Check = {
  id: ID,
  title: strings.TitleUsersOneDrive,
  who: 'sharepoint-admin',
  dependsOn: ['tenant-spo-license'],
  evaluate,
};
