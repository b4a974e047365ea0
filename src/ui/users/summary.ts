/** Counts for the summary and chart, from the scan's result and the rows (plain data in, numbers out). */
import type { UserRow } from '../../app/state';
import type { ExclusionCounts, ScanResult } from '../../provisioning/scan';

export interface UsersSummary {
  provisioned: number;
  /** Requested and pending (overdue ones included). */
  requested: number;
  overdue: number;
  notProvisioned: number;
  excluded: ExclusionCounts;
  excludedTotal: number;
  /** Rows whose state is not 'provisioned': not provisioned + requested. */
  unprovisioned: number;
}

/**
 * The rows are the scan's unprovisioned users with their request state; a row can already show as provisioned
 * (its site appeared since), so it counts as provisioned next to the scan's own provisioned users.
 */
export function summarizeUsers(result: ScanResult, rows: ReadonlyArray<UserRow>): UsersSummary {
  let requested = 0;
  let overdue = 0;
  let notProvisioned = 0;
  let provisionedRows = 0;
  for (let i = 0; i < rows.length; i++) {
    const status = (rows[i] as UserRow).status;
    if (status.state === 'provisioned') {
      provisionedRows++;
    } else if (status.state === 'requested') {
      requested++;
      if (status.overdue) {
        overdue++;
      }
    } else {
      notProvisioned++;
    }
  }
  const excluded = result.excluded;
  return {
    provisioned: result.provisionedCount + provisionedRows,
    requested,
    overdue,
    notProvisioned,
    excluded: { guests: excluded.guests, disabled: excluded.disabled, unlicensed: excluded.unlicensed },
    excludedTotal: excluded.guests + excluded.disabled + excluded.unlicensed,
    unprovisioned: requested + notProvisioned,
  };
}
