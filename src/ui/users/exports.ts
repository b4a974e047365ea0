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
/** How many of the rows are not provisioned (no array built: it runs on every keystroke). */
export function countUnprovisioned(rows: ReadonlyArray<UserRow>): number {
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    if ((rows[i] as UserRow).status.state !== 'provisioned') {
      count++;
    }
  }
  return count;
}

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

/** Multi-Geo: each row's geo (preferredDataLocation) by lower-case UPN and mail. */
export function geosOf(rows: ReadonlyArray<UserRow>): Map<string, string> {
  const geos = new Map<string, string>();
  for (let i = 0; i < rows.length; i++) {
    const user = (rows[i] as UserRow).user;
    if (user.geo !== undefined) {
      geos.set(addressKey(user.upn), user.geo);
      if (user.mail) {
        geos.set(addressKey(user.mail), user.geo);
      }
    }
  }
  return geos;
}

/**
 * Whether a user must be requested from another geo's admin center: the tenant is Multi-Geo (more than one geo among
 * the users) and the user's geo is not the one the admin host serves (unknown default geo: every user with a geo).
 * The in-browser request goes through the default geo only (CreatePersonalSiteEnqueueBulk is not Multi-Geo aware).
 */
export function needsOtherGeo(user: UnprovisionedUser, geos: ReadonlyArray<string> | undefined, defaultGeo: string | undefined): boolean {
  if (user.geo === undefined || geos === undefined || geos.length < 2) {
    return false;
  }
  return user.geo !== defaultGeo;
}

export function requestScript(adminUrl: string, emails: ReadonlyArray<string>, now: Date, rows: ReadonlyArray<UserRow> = [], defaultGeo?: string): ProvisioningScript {
  return provisioningScript({ adminUrl, emails, generatedAt: now, geos: geosOf(rows), ...(defaultGeo !== undefined ? { defaultGeo } : {}) });
}

/** "EUR: 3, NAM: 12, no geo: 1" — the unprovisioned users per geo (`none` names users without one). */
export function geoCounts(rows: ReadonlyArray<UserRow>, none: string): string {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const geo = row.user.geo || none;
    counts.set(geo, (counts.get(geo) || 0) + 1);
  }
  return Array.from(counts.entries())
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([geo, count]) => `${geo}: ${count}`)
    .join(', ');
}
