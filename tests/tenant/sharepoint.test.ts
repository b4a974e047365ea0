/** @jest-environment node */
import { FAST_RETRY, scenario, startTenant, type TestTenant } from '../support/tenant';
import { createDirectClients } from '../../src/tenant/clients';
import { createTenantPorts } from '../../src/tenant/tenantPorts';
import { SHAREPOINT_FULL_CONTROL } from '../../src/common/scopes';
import type { PersonalSite } from '../../src/provisioning/ports';

async function allSites(tenant: TestTenant): Promise<PersonalSite[]> {
  const sites: PersonalSite[] = [];
  let next: string | undefined;
  do {
    const page = await tenant.ports.sites.getPersonalSitesPage(next);
    if (!page.ok) {
      throw new Error(`${page.status} ${page.message}`);
    }
    sites.push(...page.value.items);
    next = page.value.next;
  } while (next);
  return sites;
}

describe('SharePoint adapters against the tenant simulator', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  it('enumerates every personal site through CSOM, page by page', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { personalSites: 25 } };
    tenant = await startTenant(fixture);
    const sites = await allSites(tenant);
    expect(sites).toHaveLength(fixture.sharePoint.personalSites.length);
    const processQueries = tenant.sim.log.filter((e) => /processquery/i.test(e.path));
    expect(processQueries).toHaveLength(Math.ceil(fixture.sharePoint.personalSites.length / 25));
  });

  it('says access is denied when the admin is not a SharePoint admin', async () => {
    const fixture = scenario('ready');
    fixture.directoryRoleMembers = {};
    tenant = await startTenant(fixture);
    const page = await tenant.ports.sites.getPersonalSitesPage();
    expect(page).toMatchObject({ ok: false, status: 403, missingScope: SHAREPOINT_FULL_CONTROL });
  });

  it("reads the admin's own OneDrive without provisioning it", async () => {
    tenant = await startTenant(scenario('ready'));
    const mine = await tenant.ports.sites.getMyOneDrive();
    expect(mine.ok && mine.value.provisioned).toBe(true);
    expect(tenant.sim.log.some((e) => /\/drive/.test(e.path))).toBe(false);
  });

  it('reads OneDrive states per user through $batch and retries throttled items only', async () => {
    const fixture = scenario('unprovisioned-users');
    tenant = await startTenant(fixture);
    const ids = fixture.users.slice(0, 30).map((u) => u.id);
    tenant.sim.setFaults([{ match: 'GET /users/', status: 429, times: 3, retryAfterSeconds: 0 }]);
    const states = await tenant.ports.sites.getOneDriveStates(ids);
    expect(states.ok).toBe(true);
    if (states.ok) {
      expect(states.value.size).toBe(30);
      states.value.forEach((state) => expect(state.ok).toBe(true));
    }
    const batches = tenant.sim.log.filter((e) => e.path.indexOf('$batch') >= 0 && e.batchId === undefined);
    expect(batches.length).toBe(3); // 20 + 10, then one retry batch for the 3 throttled items
    const inner = tenant.sim.log.filter((e) => e.batchId !== undefined);
    expect(inner).toHaveLength(33);
  });

  describe('CreatePersonalSiteEnqueueBulk', () => {
    it('enqueues, and the site exists after the simulated delay', async () => {
      const fixture = scenario('unprovisioned-users');
      fixture.sharePoint.provisioningDelayMs = 0;
      tenant = await startTenant(fixture);
      const before = await allSites(tenant);
      const owners = new Set(before.map((s) => s.owner.toLowerCase()));
      const target = fixture.users.find((u) => u.accountEnabled && u.userType === 'Member' && u.assignedLicenses.length > 0 && !owners.has(u.userPrincipalName.toLowerCase()));
      if (!target) {
        throw new Error('an unprovisioned user is expected');
      }
      expect(await tenant.ports.requester.enqueue([target.userPrincipalName])).toEqual({
        ok: true,
        value: { path: 'site-session', attempts: [{ path: 'site-session', host: new URL(tenant.sim.siteUrl).host, outcome: 'accepted' }] },
      });
      const after = await allSites(tenant);
      expect(after.length).toBe(before.length + 1);
    });

    it('treats HTTP 200 with an access-denied body as a failure', async () => {
      const fixture = scenario('ready');
      fixture.sharePoint.enqueueBehaviour = 'access-denied-200';
      tenant = await startTenant(fixture);
      const result = await tenant.ports.requester.enqueue(['someone@contoso.com']);
      expect(result).toMatchObject({ ok: false, status: 200, missingScope: SHAREPOINT_FULL_CONTROL });
      // The SPRequestGuid of that answer is kept: it is what a support ticket needs for this known failure.
      expect(result.ok === false && result.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(result.ok === false && result.message).toMatch(/access denied/i);
    });

    it('reports 403 as a failure', async () => {
      const fixture = scenario('ready');
      fixture.sharePoint.enqueueBehaviour = 'forbidden';
      tenant = await startTenant(fixture);
      expect(await tenant.ports.requester.enqueue(['someone@contoso.com'])).toMatchObject({ ok: false, status: 403 });
    });

    it('refuses more than 199 addresses without calling SharePoint', async () => {
      tenant = await startTenant(scenario('ready'));
      const emails = Array.from({ length: 200 }, (_, i) => `u${i}@contoso.com`);
      expect(await tenant.ports.requester.enqueue(emails)).toMatchObject({ ok: false, code: 'TooManyAddresses' });
      expect(tenant.sim.log.some((e) => /enqueue/i.test(e.path))).toBe(false);
    });
  });

  describe('provisioning log', () => {
    const entry = { id: 'req-1', requestedBy: 'admin@contoso.com', requestedAt: '2026-11-23T10:00:00.000Z', emails: ["o'brien@contoso.com"], result: 'enqueued' as const };

    it('creates the shared list on first use and reads entries back', async () => {
      tenant = await startTenant(scenario('ready'));
      expect(await tenant.ports.log.load()).toEqual({ ok: true, value: [] });
      expect(await tenant.ports.log.append(entry)).toEqual({ ok: true, value: undefined });
      expect(await tenant.ports.log.load()).toEqual({ ok: true, value: [entry] });
      expect(tenant.ports.log.kind).toBe('sharepoint-list');
    });

    it('falls back to browser storage, with the reason, when the list cannot be created', async () => {
      const fixture = scenario('ready');
      fixture.sharePoint.canCreateLists = false;
      tenant = await startTenant(fixture);
      expect(await tenant.ports.log.append(entry)).toEqual({ ok: true, value: undefined });
      expect(tenant.ports.log.kind).toBe('browser');
      expect(tenant.ports.log.fallbackReason).toMatchObject({ status: 403 });
      expect(await tenant.ports.log.load()).toEqual({ ok: true, value: [entry] });

      // After a reload (new adapters, same browser storage), the log is still this browser's, and still says so.
      const reloaded = createTenantPorts(
        createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'test-token', retry: FAST_RETRY }),
        tenant.storage,
      );
      expect(await reloaded.log.load()).toEqual({ ok: true, value: [entry] });
      expect(reloaded.log.kind).toBe('browser');
      expect(reloaded.log.fallbackReason).toMatchObject({ status: 403 });
    });
  });
});
