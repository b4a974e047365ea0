import type { ProvisioningLogEntry } from '../../src/provisioning/ports';
import { PENDING_OVERDUE_MS, createRequestTracker, reconcile } from '../../src/provisioning/pending';
import { scanTenant } from '../../src/provisioning/scan';
import type { ScanResult } from '../../src/provisioning/scan';
import { FakeDirectory, FakeSites, sitesFor, user } from './doubles';

const REQUESTED_AT = '2026-03-01T10:00:00.000Z';
const at = (ms: number): Date => new Date(Date.parse(REQUESTED_AT) + ms);

function entry(emails: string[], extra: Partial<ProvisioningLogEntry> = {}): ProvisioningLogEntry {
  return { id: 'e' + emails.join(), requestedBy: 'admin@contoso.com', requestedAt: REQUESTED_AT, emails, result: 'enqueued', ...extra };
}

async function scan(users: ReturnType<typeof user>[], withSite: ReturnType<typeof user>[]): Promise<ScanResult> {
  const outcome = await scanTenant({ directory: new FakeDirectory(users), sites: new FakeSites(sitesFor(withSite)) }, {});
  if (outcome.status !== 'done') throw new Error('scan did not finish');
  return outcome.result;
}

describe('createRequestTracker', () => {
  it('tells requested from not provisioned, by UPN or mail, case-insensitively; failed requests do not count', () => {
    const tracker = createRequestTracker(
      [entry(['ANN@contoso.com']), entry(['bob.mail@contoso.com']), entry(['carol@contoso.com'], { result: 'failed' })],
      at(60 * 1000),
    );
    expect(tracker.statusOf({ upn: 'ann@contoso.com' })).toEqual({ state: 'requested', requestedAt: REQUESTED_AT, requestedBy: 'admin@contoso.com', overdue: false });
    expect(tracker.statusOf({ upn: 'bob@contoso.onmicrosoft.com', mail: 'Bob.Mail@contoso.com' }).state).toBe('requested');
    expect(tracker.statusOf({ upn: 'carol@contoso.com' })).toEqual({ state: 'not-provisioned' });
  });

  it('uses the latest request for an address', () => {
    const tracker = createRequestTracker(
      [entry(['ann@contoso.com'], { requestedAt: '2026-03-02T00:00:00.000Z', requestedBy: 'second' }), entry(['ann@contoso.com'])],
      at(0),
    );
    expect(tracker.requestFor('ann@contoso.com')).toMatchObject({ requestedAt: '2026-03-02T00:00:00.000Z', requestedBy: 'second' });
  });

  it('flags a request overdue only after 24 hours', () => {
    const log = [entry(['ann@contoso.com'])];
    expect(createRequestTracker(log, at(PENDING_OVERDUE_MS)).statusOf({ upn: 'ann@contoso.com' }).overdue).toBe(false);
    expect(createRequestTracker(log, at(PENDING_OVERDUE_MS + 1)).statusOf({ upn: 'ann@contoso.com' }).overdue).toBe(true);
    expect(createRequestTracker([entry(['x@contoso.com'], { requestedAt: 'not a date' })], at(10 * PENDING_OVERDUE_MS)).statusOf({ upn: 'x@contoso.com' })).toMatchObject({
      state: 'requested',
      overdue: false,
    });
  });
});

describe('reconcile', () => {
  const ann = user('ann@contoso.com');
  const bob = user('bob@contoso.com');
  const carol = user('carol@contoso.com');

  it('keeps a request pending until a re-check sees the site, then reports it provisioned', async () => {
    const log = [entry(['Ann@Contoso.com', 'bob@contoso.com'])];

    const before = reconcile(log, await scan([ann, bob, carol], []), at(60 * 60 * 1000));
    expect(before.pending.map((p) => p.user.upn)).toEqual(['ann@contoso.com', 'bob@contoso.com']);
    expect(before.overdue).toEqual([]);
    expect(before.provisioned).toEqual([]);
    expect(before.notRequested.map((u) => u.upn)).toEqual(['carol@contoso.com']);

    const after = reconcile(log, await scan([ann, bob, carol], [ann]), at(2 * 60 * 60 * 1000));
    expect(after.pending.map((p) => p.user.upn)).toEqual(['bob@contoso.com']);
    expect(after.provisioned).toEqual([{ address: 'Ann@Contoso.com', requestedAt: REQUESTED_AT, requestedBy: 'admin@contoso.com' }]);
  });

  it('flags pending requests older than 24 hours as overdue', async () => {
    const log = [entry(['ann@contoso.com']), entry(['bob@contoso.com'], { requestedAt: at(20 * 60 * 60 * 1000).toISOString() })];
    const result = reconcile(log, await scan([ann, bob], []), at(PENDING_OVERDUE_MS + 60 * 1000));
    expect(result.overdue.map((p) => p.user.upn)).toEqual(['ann@contoso.com']);
    expect(result.pending.map((p) => [p.user.upn, p.overdue])).toEqual([
      ['ann@contoso.com', true],
      ['bob@contoso.com', false],
    ]);
  });

  it('reports requested addresses the scan no longer considers as out of scope, once each', async () => {
    const log = [entry(['gone@contoso.com']), entry(['GONE@contoso.com', 'ann@contoso.com'])];
    const result = reconcile(log, await scan([ann], [ann]), at(0));
    expect(result.outOfScope.map((r) => r.address)).toEqual(['gone@contoso.com']);
    expect(result.provisioned.map((r) => r.address)).toEqual(['ann@contoso.com']);
  });
});
