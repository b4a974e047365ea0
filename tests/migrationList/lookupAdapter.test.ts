/** @jest-environment node */
/**
 * The migration list's address lookups (DirectoryReader.findUsersByAddress), through the real PnPjs adapter over HTTP
 * to the tenant simulator: userPrincipalName, then mail, then proxyAddresses, 20 requests a `$batch`.
 */
import { DIRECTORY_READ } from '../../src/common/scopes';
import type { Outcome } from '../../src/common/outcome';
import type { AddressMatch } from '../../src/migrationList/ports';
import { lookupFilter } from '../../src/tenant/graph/directoryReader';
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
});
