/** @jest-environment node */
import { scenario, startTenant, type TestTenant } from '../support/tenant';
import { DIRECTORY_READ } from '../../src/common/scopes';

describe('Graph directory adapter against the tenant simulator', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  it('reads the tenant, SKUs, the signed-in admin and their roles', async () => {
    tenant = await startTenant(scenario('ready'));
    const d = tenant.ports.directory;
    const [org, skus, me, roles] = await Promise.all([d.getTenant(), d.getSubscribedSkus(), d.getSignedInUser(), d.getMyDirectoryRoles()]);
    expect(org.ok && org.value.initialDomain).toMatch(/\.onmicrosoft\.com$/);
    expect(skus.ok && skus.value.length).toBeGreaterThan(0);
    expect(skus.ok && skus.value[0]?.servicePlans.length).toBeGreaterThan(0);
    expect(me.ok && me.value.assignedPlans.length).toBeGreaterThan(0);
    expect(roles.ok && roles.value.map((r) => r.roleTemplateId)).toContain('62e90394-69f5-4237-9190-012177145e10');
  });

  it('counts licensed, enabled members with an advanced query', async () => {
    const fixture = scenario('unprovisioned-users');
    tenant = await startTenant(fixture);
    const count = await tenant.ports.directory.countLicensedEnabledMembers();
    const expected = fixture.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.assignedLicenses.length > 0).length;
    expect(count).toEqual({ ok: true, value: expected });
    const request = tenant.sim.log.find((e) => e.path.indexOf('/users/$count') >= 0);
    expect(request?.status).toBe(200);
  });

  it('pages users 999 at a time and follows nextLink to the end', async () => {
    const fixture = scenario('ready');
    const template = fixture.users[0]!;
    for (let i = 0; i < 2100; i++) {
      fixture.users.push({ ...template, id: `gen-${i}`, userPrincipalName: `gen${i}@${fixture.tenant.initialDomain}`, mail: `gen${i}@${fixture.tenant.initialDomain}` });
    }
    tenant = await startTenant(fixture);
    let next: string | undefined;
    let pages = 0;
    let users = 0;
    do {
      const page = await tenant.ports.directory.getUsersPage(next);
      if (!page.ok) {
        throw new Error(page.message);
      }
      pages++;
      users += page.value.items.length;
      next = page.value.next;
    } while (next);
    expect(users).toBe(fixture.users.length);
    expect(pages).toBe(Math.ceil(fixture.users.length / 999));
  });

  it('turns a missing Graph permission into a Failure that names the scope to approve', async () => {
    const fixture = scenario('ready');
    fixture.grantedScopes = ['User.Read'];
    tenant = await startTenant(fixture);
    const skus = await tenant.ports.directory.getSubscribedSkus();
    expect(skus).toMatchObject({ ok: false, status: 403, code: 'Authorization_RequestDenied', missingScope: DIRECTORY_READ });
  });

  it('waits out a 429 with Retry-After and succeeds, without dropping the request', async () => {
    tenant = await startTenant(scenario('ready'));
    tenant.sim.setFaults([{ match: 'GET /subscribedSkus', status: 429, times: 1, retryAfterSeconds: 1 }]);
    const started = Date.now();
    const skus = await tenant.ports.directory.getSubscribedSkus();
    expect(skus.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const calls = tenant.sim.log.filter((e) => e.path.indexOf('/subscribedSkus') >= 0).map((e) => e.status);
    expect(calls).toEqual([429, 200]);
  });

  it('retries 5xx answers and reports the last one when the service stays down', async () => {
    tenant = await startTenant(scenario('ready'));
    tenant.sim.setFaults([{ match: 'GET /organization', status: 503, retryAfterSeconds: 0 }]);
    const org = await tenant.ports.directory.getTenant();
    expect(org).toMatchObject({ ok: false, status: 503 });
    expect(tenant.sim.log.filter((e) => e.path.indexOf('/organization') >= 0)).toHaveLength(4);
  });

  it('reports 401 (expired sign-in) as a failure, not an exception', async () => {
    tenant = await startTenant(scenario('ready'));
    tenant.sim.setFaults([{ match: 'GET /me', status: 401 }]);
    const me = await tenant.ports.directory.getSignedInUser();
    expect(me).toMatchObject({ ok: false, status: 401 });
  });
});
