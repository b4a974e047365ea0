/**
 * users-onedrive: every licensed, enabled member user has a provisioned OneDrive (seed: "User provisioning").
 * Reads the tenant-wide scan's state; while it runs the check is `running` (status unknown, data-status="running").
 */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { TenantFacts } from '../facts';
import { unknownFromFailure } from '../unknown';

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
      return { id: ID, title, status: 'unknown', running: true, evidence: [progress], nextStep: strings.UsersOneDriveRunningNextStep, who: 'sharepoint-admin' };
    }
    case 'failed':
      return unknownFromFailure(ID, title, scan.reason, strings.WhatScan, facts);
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
