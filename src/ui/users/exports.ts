/** The panel's downloads: which rows go in, through the domain's CSV and PowerShell builders. */
import type { UserRow } from '../../app/state';
import { addressKey } from '../../provisioning/addresses';
import { CSV_MIME_TYPE, unprovisionedCsv } from '../../provisioning/csv';
import type { RequestRecord, RequestTracker, UserProvisioningStatus } from '../../provisioning/pending';
import { POWERSHELL_MIME_TYPE, provisioningScript } from '../../provisioning/powershell';
import type { ProvisioningScript } from '../../provisioning/powershell';
import type { UnprovisionedUser } from '../../provisioning/scan';

export const CSV_FILE_NAME: string = 'unprovisioned-onedrive-users.csv';
export const SCRIPT_FILE_NAME: string = 'request-onedrive.ps1';
export { CSV_MIME_TYPE, POWERSHELL_MIME_TYPE };

const NOT_PROVISIONED: UserProvisioningStatus = { state: 'not-provisioned' };

/** The rows' own statuses, behind the tracker interface the CSV builder reads them through. */
function rowsTracker(rows: ReadonlyArray<UserRow>): RequestTracker {
  const statuses = new Map<string, UserProvisioningStatus>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as UserRow;
    statuses.set(addressKey(row.user.upn), row.status);
  }
  return {
    statusOf: (user: { upn: string; mail?: string }): UserProvisioningStatus => statuses.get(addressKey(user.upn)) || NOT_PROVISIONED,
    requestFor: (address: string): RequestRecord | undefined => {
      const status = statuses.get(addressKey(address));
      if (status === undefined || status.requestedAt === undefined) {
        return undefined;
      }
      return { requestedAt: status.requestedAt, requestedBy: status.requestedBy || '', time: Date.parse(status.requestedAt) };
    },
  };
}

/** CSV (BOM, quoted, formula-safe) of these rows, with the state each row shows. */
export function rowsCsv(rows: ReadonlyArray<UserRow>): string {
  const users: UnprovisionedUser[] = [];
  for (let i = 0; i < rows.length; i++) {
    users.push((rows[i] as UserRow).user);
  }
  return unprovisionedCsv(users, rowsTracker(rows));
}

export function upnsOf(rows: ReadonlyArray<UserRow>): string[] {
  const upns: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    upns.push((rows[i] as UserRow).user.upn);
  }
  return upns;
}

/** UPNs of the rows that are not provisioned yet (requested ones included: a request may need to be sent again). */
export function unprovisionedUpns(rows: ReadonlyArray<UserRow>): string[] {
  const upns: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as UserRow;
    if (row.status.state !== 'provisioned') {
      upns.push(row.user.upn);
    }
  }
  return upns;
}

export function requestScript(adminUrl: string, emails: ReadonlyArray<string>, now: Date): ProvisioningScript {
  return provisioningScript({ adminUrl, emails, generatedAt: now });
}
