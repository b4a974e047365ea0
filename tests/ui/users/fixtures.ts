/** Plain data for the users panel tests: scan results and rows built by hand. */
import type { LogView, RequestView, ScanView, UserRow } from '../../../src/app/state';
import type { UserProvisioningStatus } from '../../../src/provisioning/pending';
import type { ScanResult, UnprovisionedUser } from '../../../src/provisioning/scan';
import type { UnprovisionedUsersPanelProps } from '../../../src/ui/users/UnprovisionedUsersPanel';

export function user(id: string, displayName: string, department?: string, extra: Partial<UnprovisionedUser> = {}): UnprovisionedUser {
  const u: UnprovisionedUser = { id, upn: id + '@contoso.com', displayName, license: 'sharepoint', ...extra };
  if (department !== undefined) {
    u.department = department;
  }
  return u;
}

export function row(u: UnprovisionedUser, status: UserProvisioningStatus = { state: 'not-provisioned' }): UserRow {
  return { user: u, status };
}

export const HOUR = 60 * 60 * 1000;

/** Five rows: three not provisioned, one requested (pending, overdue), one provisioned since. */
export function sampleRows(now: Date = new Date()): UserRow[] {
  return [
    row(user('alice', 'Alice Archer', 'Sales', { mail: 'alice.archer@contoso.com' })),
    row(user('bob', 'Bob Baker', 'Sales')),
    row(user('carol', 'Carol Cruz', 'Finance', { license: 'onedrive' })),
    row(user('dave', 'Dave Dunn', 'Finance'), {
      state: 'requested',
      requestedAt: new Date(now.getTime() - 30 * HOUR).toISOString(),
      requestedBy: 'admin@contoso.com',
      overdue: true,
    }),
    row(user('erin', 'Erin Evans'), { state: 'provisioned' }),
  ];
}

export function resultFor(rows: ReadonlyArray<UserRow>, provisionedCount: number = 20): ScanResult {
  return {
    considered: provisionedCount + rows.length,
    excluded: { guests: 3, disabled: 2, unlicensed: 4 },
    unprovisioned: rows.map((r) => r.user),
    provisionedCount,
    provisionedAddresses: [],
    provisionedUpns: [],
    undetermined: [],
    method: 'tenant-admin',
  };
}

export function doneScan(rows: ReadonlyArray<UserRow>, extra: Partial<ScanView> = {}): ScanView {
  return { running: false, result: resultFor(rows), finishedAt: '2026-03-02T10:00:00.000Z', ...extra };
}

export const sharedLog: LogView = { entries: [], kind: 'sharepoint-list' };
export const idleRequest: RequestView = { running: false };

export function panelProps(overrides: Partial<UnprovisionedUsersPanelProps> = {}): UnprovisionedUsersPanelProps {
  const rows = overrides.rows || sampleRows();
  return {
    scan: doneScan(rows),
    rows,
    log: sharedLog,
    request: idleRequest,
    adminUrl: 'https://contoso-admin.sharepoint.com',
    onRequest: jest.fn(),
    onRetryFailed: jest.fn(),
    onCancelRequest: jest.fn(),
    onRescan: jest.fn(),
    onCancelScan: jest.fn(),
    onResumeScan: jest.fn(),
    onDownload: jest.fn(),
    ...overrides,
  };
}
