import type { ProvisioningLogEntry } from '../../src/provisioning/ports';
import { scanTenant, type ScanOutcome, type ScanResult } from '../../src/provisioning/scan';
import { progressToScanState, toScanState } from '../../src/app/scanState';
import { FakeDirectory, FakeSites, sitesFor, user } from '../provisioning/doubles';

function done(outcome: ScanOutcome): ScanResult {
  if (outcome.status !== 'done') {
    throw new Error(`scan ${outcome.status}`);
  }
  return outcome.result;
}

describe('scan state for the users-onedrive check', () => {
  it('counts requested users apart from the unprovisioned ones', async () => {
    const users = [user('a@contoso.com'), user('b@contoso.com'), user('c@contoso.com', { mail: 'C.Mail@contoso.com' }), user('g@x.com', { userType: 'Guest' })];
    const result = done(await scanTenant({ directory: new FakeDirectory(users), sites: new FakeSites(sitesFor(users.slice(0, 1))) }, {}));
    const log: ProvisioningLogEntry[] = [
      { id: '1', requestedBy: 'admin@contoso.com', requestedAt: '2026-01-01T00:00:00.000Z', emails: ['B@contoso.com'], result: 'enqueued' },
      { id: '2', requestedBy: 'admin@contoso.com', requestedAt: '2026-01-01T00:00:00.000Z', emails: ['c.mail@contoso.com'], result: 'failed' },
    ];
    expect(toScanState(result, log, new Date('2026-01-01T01:00:00Z'))).toEqual({
      state: 'done',
      considered: 3,
      unprovisioned: 1,
      requested: 1,
      undetermined: 0,
      excluded: { guests: 1, disabled: 0, unlicensed: 0 },
      method: 'tenant-admin',
    });
  });

  it('maps running progress', () => {
    expect(progressToScanState({ phase: 'reading', userPagesDone: 2, sitePagesDone: 1, usersSeen: 1998, sitesSeen: 500, estimatedTotalPages: 9 })).toEqual({
      state: 'running',
      pagesDone: 3,
      pagesEstimated: 9,
      usersSeen: 1998,
    });
  });
});
