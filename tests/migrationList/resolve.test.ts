/** @jest-environment node */
/**
 * One verdict per row, from the scan's data and — only for the addresses the scan does not hold — the directory's
 * answers (an in-memory UserLookup here; the Graph adapter has its own tests over HTTP, lookupAdapter.test.ts).
 */
import { failure } from '../../src/common/outcome';
import { DIRECTORY_READ } from '../../src/common/scopes';
import type { ProvisioningLogEntry } from '../../src/provisioning/ports';
import type { MigrationListView, RowResolution } from '../../src/migrationList/types';
import { fixText, reasonText } from '../../src/migrationList/verdictText';
import { bytesOf, FakeLookup, rowsOf, scanInputs, scanOf, settled, testSession, user, type TenantUser } from './support';

const TENANT: TenantUser[] = [
  { ...user('ann@contoso.com'), site: true },
  { ...user('bsmith@contoso.onmicrosoft.com', { mail: 'Bob.Smith@contoso.com', displayName: 'Bob Smith' }) },
  { ...user('carol@contoso.com') },
  { ...user('dave@contoso.com'), site: true, proxyAddresses: ['SMTP:dave@contoso.com', 'smtp:d.alias@contoso.com'] },
  { ...user('erin@contoso.com'), proxyAddresses: ['SMTP:erin@contoso.com', 'smtp:erin.alias@contoso.com'] },
  { ...user('gina_fabrikam.com#EXT#@contoso.onmicrosoft.com', { mail: 'gina@fabrikam.com', userType: 'Guest', enabledPlanIds: [] }) },
  { ...user('ed@contoso.com', { accountEnabled: false }) },
  { ...user('fay@contoso.com', { enabledPlanIds: [] }) },
];

const CAROL_REQUEST: ProvisioningLogEntry = { id: 'r1', requestedBy: 'admin@contoso.com', requestedAt: new Date(Date.now() - 3600000).toISOString(), emails: ['carol@contoso.com'], result: 'enqueued' };

const LIST = [
  'Source,Destination',
  'a@old.example,ann@contoso.com',
  'b@old.example,BOB.SMITH@CONTOSO.COM',
  'c@old.example,carol@contoso.com',
  'd@old.example,D.Alias@contoso.com',
  'e@old.example,erin.alias@contoso.com',
  'g@old.example,gina@fabrikam.com',
  'h@old.example,ed@contoso.com',
  'i@old.example,fay@contoso.com',
  'j@old.example,nobody@contoso.com',
  'k@old.example,ANN@contoso.com',
  'l@old.example,dave@contoso.com',
  'm@old.example,not an address',
  'n@old.example,',
  'o@old.example,SMTP:bsmith@contoso.onmicrosoft.com',
].join('\r\n');

function verdicts(view: MigrationListView): string[] {
  return (view.resolutions || []).map((r) => r.verdict);
}

async function checked(list: string, tenant: TenantUser[] = TENANT, log: ProvisioningLogEntry[] = [CAROL_REQUEST], lookup = new FakeLookup(tenant)): Promise<{ view: MigrationListView; lookup: FakeLookup }> {
  const { session } = testSession(lookup);
  session.setScan(await scanInputs(tenant, log));
  await session.load({ fileName: 'mapping.csv', bytes: bytesOf(list) });
  return { view: await settled(session), lookup };
}

describe('verdicts', () => {
  it('gives every row one verdict: case, mail vs UPN, alias, guest, disabled, unlicensed, not found, duplicates, invalid', async () => {
    const { view } = await checked(LIST);
    expect(view.phase).toBe('done');
    expect(verdicts(view)).toEqual([
      'ready', // ann: a OneDrive (scan)
      'not-provisioned', // Bob by his mail, in capitals (scan)
      'requested', // carol: in the log
      'ready', // dave by an alias (lookup: proxy address)
      'not-provisioned', // erin by an alias (lookup), no OneDrive (scan)
      'guest', // by mail (lookup)
      'disabled',
      'unlicensed',
      'not-found',
      'duplicate', // ANN = line 2
      'duplicate', // dave = line 5 (the alias)
      'invalid',
      'invalid',
      'duplicate', // Bob by his UPN with an SMTP: prefix = line 3
    ]);
    expect(view.counts).toEqual({ ready: 2, 'not-provisioned': 2, requested: 1, unlicensed: 1, disabled: 1, guest: 1, 'not-found': 1, duplicate: 3, invalid: 2, unknown: 0 });
    const r = view.resolutions as RowResolution[];
    expect(r[1]).toMatchObject({ resolvedUpn: 'bsmith@contoso.onmicrosoft.com', matchedBy: 'scan' });
    expect(r[3]).toMatchObject({ resolvedUpn: 'dave@contoso.com', matchedBy: 'proxyAddress' });
    expect(r[4]).toMatchObject({ resolvedUpn: 'erin@contoso.com', matchedBy: 'proxyAddress', user: expect.objectContaining({ upn: 'erin@contoso.com' }) });
    expect(r[5]).toMatchObject({ resolvedUpn: 'gina_fabrikam.com#EXT#@contoso.onmicrosoft.com', matchedBy: 'mail' });
    expect(r[9]).toMatchObject({ duplicateOfLine: 2 });
    expect(r[10]).toMatchObject({ duplicateOfLine: 5, duplicateUser: true });
    expect(r[11]).toMatchObject({ invalid: 'not-an-address' });
    expect(r[12]).toMatchObject({ invalid: 'empty' });
    expect(r[13]).toMatchObject({ duplicateOfLine: 3 });
  });

  it('gives every row resolved to a user its sign-in name — the scan’s ready rows too, by UPN or by mail, with no lookup', async () => {
    const tenant: TenantUser[] = [...TENANT, { ...user('hank@contoso.onmicrosoft.com', { mail: 'Hank.Hill@contoso.com', displayName: 'Hank Hill' }), site: true }];
    const list = ['Destination', 'ann@contoso.com', 'hank.hill@contoso.com', 'carol@contoso.com', 'bob.smith@contoso.com', 'gina@fabrikam.com', 'ed@contoso.com', 'fay@contoso.com', 'HANK@contoso.onmicrosoft.com'].join('\n');
    const { view, lookup } = await checked(list, tenant);
    const r = view.resolutions as RowResolution[];
    expect(r.map((x) => [x.verdict, x.resolvedUpn])).toEqual([
      ['ready', 'ann@contoso.com'],
      ['ready', 'hank@contoso.onmicrosoft.com'], // by his mail (scan)
      ['requested', 'carol@contoso.com'],
      ['not-provisioned', 'bsmith@contoso.onmicrosoft.com'],
      ['guest', 'gina_fabrikam.com#EXT#@contoso.onmicrosoft.com'],
      ['disabled', 'ed@contoso.com'],
      ['unlicensed', 'fay@contoso.com'],
      ['duplicate', 'hank@contoso.onmicrosoft.com'], // the same user as line 3, by UPN
    ]);
    expect(r[1]).toMatchObject({ matchedBy: 'scan' });
    expect(r[7]).toMatchObject({ duplicateOfLine: 3, duplicateUser: true });
    expect(reasonText(r[7]!)).toMatch(/Same user .*hank@contoso\.onmicrosoft\.com.* as line 3/);
    expect(lookup.addressesLookedUp.sort()).toEqual(['ed@contoso.com', 'fay@contoso.com', 'gina@fabrikam.com']);
  });

  it('words each verdict with its reason and next step', async () => {
    const { view } = await checked(LIST);
    const r = view.resolutions as RowResolution[];
    expect(reasonText(r[1]!)).toContain('bsmith@contoso.onmicrosoft.com');
    expect(reasonText(r[1]!)).toMatch(/OneDrive does not exist yet/);
    expect(fixText(r[1]!)).toMatch(/Request/);
    expect(reasonText(r[2]!)).toMatch(/requested on .* by .*admin@contoso\.com/);
    expect(reasonText(r[3]!)).toMatch(/alias/);
    expect(reasonText(r[5]!)).toMatch(/guest/);
    expect(reasonText(r[7]!)).toMatch(/no SharePoint Online or OneDrive plan/);
    expect(reasonText(r[9]!)).toBe('Same destination as line 2.');
    expect(reasonText(r[10]!)).toMatch(/Same user .*dave@contoso\.com.* as line 5/);
    for (const resolution of r) {
      expect(reasonText(resolution).length).toBeGreaterThan(5);
      expect(fixText(resolution).length).toBeGreaterThan(5);
    }
  });

  it('looks up only the addresses the scan does not hold, each once', async () => {
    const { lookup } = await checked(LIST);
    expect(lookup.addressesLookedUp.sort()).toEqual(['d.alias@contoso.com', 'ed@contoso.com', 'erin.alias@contoso.com', 'fay@contoso.com', 'gina@fabrikam.com', 'nobody@contoso.com']);
  });

  it('says "could not tell" for a member newer than the scan and for one the scan could not tell', async () => {
    const result = await scanOf(TENANT.slice(0, 3));
    const { session } = testSession(new FakeLookup([...TENANT, { ...user('new@contoso.com') }]));
    result.undetermined = [{ id: 'x', upn: 'hal@contoso.com', displayName: 'Hal', license: 'sharepoint' }];
    session.setScan({ result, running: false, rows: rowsOf(result) });
    await session.load({ fileName: 'l.csv', text: 'new@contoso.com\nhal@contoso.com\n' });
    const view = await settled(session);
    expect(view.resolutions).toEqual([
      expect.objectContaining({ verdict: 'unknown', unknown: 'not-in-scan', resolvedUpn: 'new@contoso.com' }),
      expect.objectContaining({ verdict: 'unknown', unknown: 'scan-undetermined', resolvedUpn: 'hal@contoso.com' }),
    ]);
    expect(reasonText(view.resolutions![0]!)).toMatch(/did not see/);
    expect(fixText(view.resolutions![1]!)).toMatch(/Re-check OneDrives/);
  });
});

describe('the scan, lookups that fail, and the admin’s choices', () => {
  it('waits for the scan, then gives the verdicts when it ends', async () => {
    const { session } = testSession(new FakeLookup(TENANT));
    session.setScan({ running: true, rows: [] });
    await session.load({ fileName: 'l.csv', text: 'ann@contoso.com\nfay@contoso.com' });
    expect(await settled(session)).toMatchObject({ phase: 'waiting-for-scan', waitingFor: 'scan-running' });
    session.setScan(await scanInputs(TENANT));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const view = await settled(session);
    expect(verdicts(view)).toEqual(['ready', 'unlicensed']);
  });

  it('a lookup that fails is "could not tell" with the service’s answer, and Retry looks up only what failed', async () => {
    const lookup = new FakeLookup(TENANT);
    lookup.failing.set('fay@contoso.com', failure(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', { missingScope: DIRECTORY_READ }));
    const { session } = testSession(lookup);
    session.setScan(await scanInputs(TENANT));
    await session.load({ fileName: 'l.csv', text: 'ed@contoso.com\nfay@contoso.com' });
    let view = await settled(session);
    expect(verdicts(view)).toEqual(['disabled', 'unknown']);
    expect(view.lookups).toMatchObject({ addresses: 2, failed: 1, failure: { status: 403 } });
    expect(reasonText(view.resolutions![1]!)).toBe('This address could not be looked up: HTTP 403 Authorization_RequestDenied Insufficient privileges to complete the operation..');
    lookup.failing.clear();
    lookup.calls = [];
    await session.retryLookups();
    view = await settled(session);
    expect(verdicts(view)).toEqual(['disabled', 'unlicensed']);
    expect(lookup.addressesLookedUp).toEqual(['fay@contoso.com']);
  });

  it('a lookup throttled for longer than the product waits says how long Microsoft 365 asked, so Retry lookups is timed', async () => {
    const lookup = new FakeLookup(TENANT);
    lookup.failing.set('fay@contoso.com', failure(429, 'TooManyRequests', 'Too many requests.', { retryAfterSeconds: 90 }));
    const { session } = testSession(lookup);
    session.setScan(await scanInputs(TENANT));
    await session.load({ fileName: 'l.csv', text: 'fay@contoso.com' });
    const view = await settled(session);
    expect(verdicts(view)).toEqual(['unknown']);
    expect(reasonText(view.resolutions![0]!)).toBe(
      'This address could not be looked up: HTTP 429 TooManyRequests Too many requests. (throttled: Microsoft 365 asked to wait 90 s before asking again; select Retry lookups after that).',
    );
  });

  it('a directory that does not answer at all: every looked-up row says so, the scan’s rows keep their verdicts, and the rest is not sent', async () => {
    const lookup = new FakeLookup(TENANT);
    lookup.down = failure(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    const { session } = testSession(lookup, { lookupChunk: 1, lookupConcurrency: 1 });
    session.setScan(await scanInputs(TENANT));
    await session.load({ fileName: 'l.csv', text: 'ann@contoso.com\ned@contoso.com\nfay@contoso.com\nnobody@contoso.com' });
    const view = await settled(session);
    expect(verdicts(view)).toEqual(['ready', 'unknown', 'unknown', 'unknown']);
    expect(view.lookups).toMatchObject({ addresses: 3, failed: 3, failure: { status: 401 } });
    expect(lookup.calls).toHaveLength(1);
  });

  it('the admin can choose another column; the verdicts follow', async () => {
    const { session } = testSession(new FakeLookup(TENANT));
    session.setScan(await scanInputs(TENANT));
    await session.load({ fileName: 'l.csv', text: 'Destination,Backup\nnobody@contoso.com,ann@contoso.com\n' });
    expect(verdicts(await settled(session))).toEqual(['not-found']);
    await session.chooseColumn(1);
    const view = await settled(session);
    expect(view.column).toEqual({ index: 1, source: 'admin' });
    expect(verdicts(view)).toEqual(['ready']);
  });

  it('a provisioning request shows as requested once the log has it; a new scan shows the OneDrive', async () => {
    const { session } = testSession(new FakeLookup(TENANT));
    const inputs = await scanInputs(TENANT, []);
    session.setScan(inputs);
    await session.load({ fileName: 'l.csv', text: 'carol@contoso.com' });
    expect(verdicts(await settled(session))).toEqual(['not-provisioned']);
    session.setScan({ ...inputs, rows: rowsOf(inputs.result!, [CAROL_REQUEST]) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(verdicts(await settled(session))).toEqual(['requested']);
    session.setScan(await scanInputs(TENANT.map((u) => (u.userPrincipalName === 'carol@contoso.com' ? { ...u, site: true } : u)), [CAROL_REQUEST]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(verdicts(await settled(session))).toEqual(['ready']);
  });

  it('content detection picks the column that resolves in this tenant once the scan is known', async () => {
    const { session } = testSession(new FakeLookup(TENANT));
    session.setScan(await scanInputs(TENANT));
    await session.load({ fileName: 'l.csv', text: 'ann@contoso.com,x1@old.example\ncarol@contoso.com,x2@old.example\n' });
    const view = await settled(session);
    expect(view.column).toEqual({ index: 0, source: 'content' });
    expect(verdicts(view)).toEqual(['ready', 'not-provisioned']);
  });

  it('100,000 rows against 100,000 scanned users: every row judged, only the unknown addresses looked up', async () => {
    const tenant: TenantUser[] = [];
    for (let i = 0; i < 100000; i++) {
      tenant.push({ ...user(`user${i}@contoso.com`), site: i % 10 !== 0 });
    }
    const inputs = await scanInputs(tenant);
    const lines = ['Source,Destination'];
    for (let i = 0; i < 99990; i++) {
      lines.push(`old${i}@fabrikam.com,USER${i}@contoso.com`);
    }
    for (let i = 0; i < 10; i++) {
      lines.push(`x${i}@fabrikam.com,missing${i}@contoso.com`);
    }
    const lookup = new FakeLookup(tenant);
    const { session } = testSession(lookup);
    session.setScan(inputs);
    await session.load({ fileName: 'big.csv', bytes: bytesOf(lines.join('\n')) });
    const view = await settled(session, 60000);
    expect(view.counts).toMatchObject({ ready: 89991, 'not-provisioned': 9999, 'not-found': 10 });
    expect(lookup.addressesLookedUp).toHaveLength(10);
  }, 60000);
});
