/** @jest-environment node */
/**
 * The migration list's address lookups (DirectoryReader.findUsersByAddress), through the real PnPjs adapter over HTTP
 * to the tenant simulator: userPrincipalName, then mail, then proxyAddresses, 20 requests a `$batch`.
 */
import { DIRECTORY_READ } from '../../src/common/scopes';
import type { Outcome } from '../../src/common/outcome';
import type { AddressMatch } from '../../src/migrationList/ports';
import { lookupFilter } from '../../src/tenant/graph/directoryReader';
import type { FaultStatus } from '../../demo/simulator/types';
import { scenario, startTenant, type TestTenant } from '../support/tenant';

const DOMAIN = 'contoso.onmicrosoft.com';

function answers(outcome: Outcome<Map<string, Outcome<AddressMatch>>>): Map<string, Outcome<AddressMatch>> {
  if (!outcome.ok) {
    throw new Error(`${outcome.status} ${outcome.code} ${outcome.message}`);
  }
  return outcome.value;
}

function found(answer: Outcome<AddressMatch> | undefined): { upn: string; by: string } | 'not-found' | 'failed' {
  if (!answer || !answer.ok) {
    return 'failed';
  }
  return answer.value.found ? { upn: answer.value.user.userPrincipalName, by: answer.value.matchedBy } : 'not-found';
}

describe('address lookups against the tenant simulator', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  it('finds members by UPN in any case, guests by mail, aliases by proxy address, and says when nobody has the address', async () => {
    const fixture = scenario('unprovisioned-users');
    const aliasOwner = fixture.users.find((u) => u.userPrincipalName === `sofia.tanaka77@${DOMAIN}`)!;
    aliasOwner.proxyAddresses = [`SMTP:sofia.tanaka77@${DOMAIN}`, 'smtp:sofia.t@contoso.com'];
    tenant = await startTenant(fixture);
    const result = answers(
      await tenant.ports.directory.findUsersByAddress([
        `ADRIAN.FISCHER167@${DOMAIN}`,
        'hannah.kumar127@partner.example',
        'Sofia.T@Contoso.com',
        `liam.o'brien@${DOMAIN}`,
        'nobody@contoso.com',
        `hannah.kumar127_partner.example#EXT#@${DOMAIN}`,
      ]),
    );
    expect(found(result.get(`ADRIAN.FISCHER167@${DOMAIN}`))).toEqual({ upn: `adrian.fischer167@${DOMAIN}`, by: 'userPrincipalName' });
    expect(found(result.get('hannah.kumar127@partner.example'))).toEqual({ upn: `hannah.kumar127_partner.example#EXT#@${DOMAIN}`, by: 'mail' });
    expect(found(result.get('Sofia.T@Contoso.com'))).toEqual({ upn: `sofia.tanaka77@${DOMAIN}`, by: 'proxyAddress' });
    expect(found(result.get(`liam.o'brien@${DOMAIN}`))).toEqual({ upn: `liam.o'brien@${DOMAIN}`, by: 'userPrincipalName' });
    expect(found(result.get('nobody@contoso.com'))).toBe('not-found');
    expect(found(result.get(`hannah.kumar127_partner.example#EXT#@${DOMAIN}`))).toEqual({ upn: `hannah.kumar127_partner.example#EXT#@${DOMAIN}`, by: 'userPrincipalName' });
    // The user as the scan sees users: the guest says so, with its plans.
    const guest = result.get('hannah.kumar127@partner.example');
    expect(guest && guest.ok && guest.value.found && guest.value.user.userType).toBe('Guest');
  });

  it('packs 15 addresses into one `in` request and 20 requests into one $batch, and sends no advanced query', async () => {
    const fixture = scenario('unprovisioned-users');
    tenant = await startTenant(fixture);
    const members = fixture.users.filter((u) => u.userType === 'Member').slice(0, 40).map((u) => u.userPrincipalName);
    const result = answers(await tenant.ports.directory.findUsersByAddress(members));
    expect(members.every((upn) => found(result.get(upn)) !== 'not-found' && found(result.get(upn)) !== 'failed')).toBe(true);
    const batches = tenant.sim.log.filter((e) => e.method === 'POST' && e.path.indexOf('$batch') >= 0);
    const items = tenant.sim.log.filter((e) => e.batchId !== undefined);
    expect(batches).toHaveLength(1);
    expect(items).toHaveLength(3); // 15 + 15 + 10
    expect(items.every((e) => e.status === 200 && /userPrincipalName%20in%20|userPrincipalName in /.test(e.path))).toBe(true);
    expect(items.some((e) => /\$count/.test(e.path))).toBe(false);
  });

  it('tries mail and proxy addresses only for what the UPN lookup did not find', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    answers(await tenant.ports.directory.findUsersByAddress([`adrian.fischer167@${DOMAIN}`, 'kai.mueller@fabrikam.com', 'ghost@contoso.com']));
    const filters = tenant.sim.log.filter((e) => e.batchId !== undefined).map((e) => decodeURIComponent(e.path));
    expect(filters).toEqual([
      expect.stringContaining(`userPrincipalName in ('adrian.fischer167@${DOMAIN}','kai.mueller@fabrikam.com','ghost@contoso.com')`),
      expect.stringContaining("mail in ('kai.mueller@fabrikam.com','ghost@contoso.com')"),
      expect.stringContaining("proxyAddresses/any(p:p eq 'smtp:ghost@contoso.com')"),
    ]);
  });

  it('joins 15 proxy addresses with `or` in one request and tells whose address is whose', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.users.find((u) => u.userPrincipalName === `sofia.tanaka77@${DOMAIN}`)!.proxyAddresses = [`SMTP:sofia.tanaka77@${DOMAIN}`, 'smtp:sofia.t@contoso.com'];
    fixture.users.find((u) => u.userPrincipalName === `maya.kim82@${DOMAIN}`)!.proxyAddresses = [`SMTP:maya.kim82@${DOMAIN}`, 'smtp:MAYA.K@contoso.com'];
    tenant = await startTenant(fixture);
    const addresses = [...Array.from({ length: 9 }, (_v, i) => `ghost${i}@contoso.com`), 'Maya.K@contoso.com', ...Array.from({ length: 9 }, (_v, i) => `ghost${i + 9}@contoso.com`), 'sofia.t@contoso.com'];
    const result = answers(await tenant.ports.directory.findUsersByAddress(addresses, undefined, ['proxyAddress']));
    expect(found(result.get('Maya.K@contoso.com'))).toEqual({ upn: `maya.kim82@${DOMAIN}`, by: 'proxyAddress' });
    expect(found(result.get('sofia.t@contoso.com'))).toEqual({ upn: `sofia.tanaka77@${DOMAIN}`, by: 'proxyAddress' });
    expect(addresses.filter((a) => a.startsWith('ghost')).every((a) => found(result.get(a)) === 'not-found')).toBe(true);
    const items = tenant.sim.log.filter((e) => e.batchId !== undefined).map((e) => decodeURIComponent(e.path));
    expect(items).toHaveLength(2); // 15 + 5 clauses, one $batch
    expect((items[0]?.match(/proxyAddresses\/any\(/g) ?? []).length).toBe(15);
    expect(items[0]).toContain("proxyAddresses/any(p:p eq 'smtp:ghost0@contoso.com') or proxyAddresses/any(p:p eq 'smtp:ghost1@contoso.com')");
    expect(items.every((p) => /\$select=[^&]*proxyAddresses/.test(p) && !/\$count/.test(p))).toBe(true);
  });

  it('sends the proxy addresses one a request when Graph refuses them joined, and still answers each', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.users.find((u) => u.userPrincipalName === `sofia.tanaka77@${DOMAIN}`)!.proxyAddresses = [`SMTP:sofia.tanaka77@${DOMAIN}`, 'smtp:sofia.t@contoso.com'];
    tenant = await startTenant(fixture);
    // Graph answering 400 to the joined form (a fault on the requests whose filter goes on with `or` after the first clause).
    tenant.sim.setFaults([{ match: "GET /users?$filter=proxyAddresses/any(p:p eq 'smtp:ghost@contoso.com') or", status: 400 as unknown as FaultStatus }]);
    const result = answers(await tenant.ports.directory.findUsersByAddress(['ghost@contoso.com', 'sofia.t@contoso.com', 'other@contoso.com'], undefined, ['proxyAddress']));
    expect(found(result.get('sofia.t@contoso.com'))).toEqual({ upn: `sofia.tanaka77@${DOMAIN}`, by: 'proxyAddress' });
    expect(found(result.get('ghost@contoso.com'))).toBe('not-found');
    expect(found(result.get('other@contoso.com'))).toBe('not-found');
    const items = tenant.sim.log.filter((e) => e.batchId !== undefined).map((e) => ({ status: e.status, clauses: (decodeURIComponent(e.path).match(/proxyAddresses\/any\(/g) ?? []).length }));
    expect(items).toEqual([{ status: 400, clauses: 3 }, { status: 200, clauses: 1 }, { status: 200, clauses: 1 }, { status: 200, clauses: 1 }]);
  });

  it('retries a throttled lookup inside the batch and still answers it', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    tenant.sim.setFaults([{ match: 'GET /users', status: 429, times: 1, retryAfterSeconds: 1 }]);
    const result = answers(await tenant.ports.directory.findUsersByAddress([`adrian.fischer167@${DOMAIN}`]));
    expect(found(result.get(`adrian.fischer167@${DOMAIN}`))).toEqual({ upn: `adrian.fischer167@${DOMAIN}`, by: 'userPrincipalName' });
    expect(tenant.sim.log.filter((e) => e.batchId !== undefined).map((e) => e.status)).toEqual([429, 200]);
  });

  it('answers each address with the failure when Directory.Read.All is not approved, and the whole call when nothing answers', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.grantedScopes = ['User.Read'];
    tenant = await startTenant(fixture);
    const result = answers(await tenant.ports.directory.findUsersByAddress([`adrian.fischer167@${DOMAIN}`, 'x@contoso.com']));
    expect(result.get('x@contoso.com')).toMatchObject({ ok: false, status: 403, missingScope: DIRECTORY_READ });
    // No answer at all (the service is gone): the whole call fails, with status 0.
    await tenant.close();
    tenant = { ...tenant, close: async () => undefined };
    const whole = await tenant.ports.directory.findUsersByAddress(['x@contoso.com']);
    expect(whole).toMatchObject({ ok: false, status: 0 });
  });

  it('the simulator holds the joined proxy lookups to the same cap: at most 15 `or` clauses', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    const values = Array.from({ length: 16 }, (_v, i) => `u${i}@contoso.com`);
    const get = (filter: string): Promise<Response> => fetch(`${tenant.sim.graphBaseUrl}/users?$filter=${encodeURIComponent(filter)}&$select=id`, { headers: { Authorization: 'Bearer test-token' } });
    const refused = await get(lookupFilter('proxyAddress', values));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Max allowed: 15/);
    expect((await get(lookupFilter('proxyAddress', values.slice(0, 15)))).status).toBe(200);
  });

  it('the simulator holds the lookups to Graph: at most 15 values in `in` without an advanced query', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    const values = Array.from({ length: 16 }, (_v, i) => `u${i}@${DOMAIN}`);
    const url = `${tenant.sim.graphBaseUrl}/users?$filter=${encodeURIComponent(lookupFilter('userPrincipalName', values))}&$select=id`;
    const refused = await fetch(url, { headers: { Authorization: 'Bearer test-token' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Max allowed: 15/);
    const fifteen = await fetch(`${tenant.sim.graphBaseUrl}/users?$filter=${encodeURIComponent(lookupFilter('userPrincipalName', values.slice(0, 15)))}&$select=id`, {
      headers: { Authorization: 'Bearer test-token' },
    });
    expect(fifteen.status).toBe(200);
  });
  it('a lookup throttled for longer than the policy waits (Retry-After 90 s) is not sent again early: its addresses fail with the wait asked', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    tenant.sim.setFaults([{ match: 'GET /users?$filter=userPrincipalName in', status: 429, retryAfterSeconds: 90, times: 1 }]);
    const waits: number[] = [];
    tenant.ports.waits.subscribe((w) => waits.push(w.seconds));
    const addresses = [`adrian.fischer167@${DOMAIN}`, `liam.o'brien@${DOMAIN}`];
    const result = answers(await tenant.ports.directory.findUsersByAddress(addresses, undefined, ['userPrincipalName']));
    for (const address of addresses) {
      expect(result.get(address)).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 90 });
    }
    // One request, no early retry (it would only earn a fresh 429), and no wait told: nothing waits.
    expect(tenant.sim.log.filter((e) => /^\/users\?\$filter=userPrincipalName/i.test(decodeURIComponent(e.path)))).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('a lookup throttled briefly (Retry-After 1 s) waits what was asked, tells the pane, and then finds the users', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    tenant.sim.setFaults([{ match: 'GET /users?$filter=userPrincipalName in', status: 429, retryAfterSeconds: 1, times: 1 }]);
    const waits: Array<{ status: number; seconds: number; asked: boolean }> = [];
    tenant.ports.waits.subscribe((w) => waits.push({ status: w.status, seconds: w.seconds, asked: w.asked }));
    const started = Date.now();
    const result = answers(await tenant.ports.directory.findUsersByAddress([`adrian.fischer167@${DOMAIN}`], undefined, ['userPrincipalName']));
    expect(found(result.get(`adrian.fischer167@${DOMAIN}`))).toEqual({ upn: `adrian.fischer167@${DOMAIN}`, by: 'userPrincipalName' });
    expect(waits).toEqual([{ status: 429, seconds: 1, asked: true }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});
