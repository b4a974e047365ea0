/** @jest-environment node */
/**
 * CreatePersonalSiteEnqueueBulk's answers by sharePoint.enqueueBehaviour, on the admin host and on the hosting site
 * (bearer token or the hosting site's cookie session).
 */
import { createDirectClients } from '../../src/tenant/clients';
import '@pnp/sp/profiles';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { EnqueueBehaviour, RunningSimulator } from '../../demo/simulator';
import { getJson, postJson, start } from './support';

const ENQUEUE = '/_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk';
const LIAM = "liam.o'brien@contoso.onmicrosoft.com";
const SP_ACCESS_DENIED = {
  'odata.error': {
    code: '-2147024891, System.UnauthorizedAccessException',
    message: { lang: 'en-US', value: 'Access denied. You do not have permission to perform this action or access this resource.' },
  },
};

async function withBehaviour(behaviour: EnqueueBehaviour, run: (sim: RunningSimulator) => Promise<void>): Promise<void> {
  const sim = await start('unprovisioned-users', (f) => {
    f.sharePoint.enqueueBehaviour = behaviour;
    f.sharePoint.provisioningDelayMs = 0;
  });
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

async function cookieEnqueue(sim: RunningSimulator, emails: string[]): Promise<{ status: number; body: unknown }> {
  const info = await fetch(`${sim.siteUrl}/_api/contextinfo`, { method: 'POST', headers: { Cookie: sim.sessionCookie, Accept: 'application/json' } });
  const digest = ((await info.json()) as { FormDigestValue: string }).FormDigestValue;
  const r = await fetch(`${sim.siteUrl}${ENQUEUE}`, {
    method: 'POST',
    headers: { Cookie: sim.sessionCookie, 'X-RequestDigest': digest, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ emailIDs: emails }),
  });
  return { status: r.status, body: (await r.json()) as unknown };
}

describe('simulator: CreatePersonalSiteEnqueueBulk modes and hosts', () => {
  it('"ok" is answered on the hosting site as well as on the admin host', async () => {
    await withBehaviour('ok', async (sim) => {
      const r = await postJson(`${sim.siteUrl}${ENQUEUE}`, { emailIDs: [LIAM] });
      expect(r).toEqual(expect.objectContaining({ status: 200, body: { 'odata.null': true } }));
      const site = await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent(LIAM)}?$select=mySite`);
      expect(site.status).toBe(200);
    });
  });

  it('"ignored": 200, nothing queued, nothing ever appears', async () => {
    await withBehaviour('ignored', async (sim) => {
      const before = sim.state.personalSites.length;
      for (const url of [`${sim.spAdminUrl}${ENQUEUE}`, `${sim.siteUrl}${ENQUEUE}`]) {
        const r = await postJson(url, { emailIDs: [LIAM] });
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ 'odata.null': true });
      }
      expect((await cookieEnqueue(sim, [LIAM])).status).toBe(200);
      expect(sim.state.pending.size).toBe(0);
      expect((await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent(LIAM)}?$select=mySite`)).status).toBe(404);
      expect(sim.state.personalSites.length).toBe(before);
    });
  });

  it('"bearer-refused": 403 with the access-denied body to a bearer token, on any host; accepted from the cookie session', async () => {
    await withBehaviour('bearer-refused', async (sim) => {
      for (const url of [`${sim.spAdminUrl}${ENQUEUE}`, `${sim.siteUrl}${ENQUEUE}`]) {
        const r = await postJson(url, { emailIDs: [LIAM] });
        expect(r.status).toBe(403);
        expect(r.body).toEqual(SP_ACCESS_DENIED);
      }
      expect(sim.state.pending.size).toBe(0);
      const viaCookie = await cookieEnqueue(sim, [LIAM]);
      expect(viaCookie).toEqual({ status: 200, body: { 'odata.null': true } });
      expect((await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent(LIAM)}?$select=mySite`)).status).toBe(200);
    });
  });

  it('a cookie-session enqueue without a digest is refused by security validation', async () => {
    await withBehaviour('ok', async (sim) => {
      const r = await fetch(`${sim.siteUrl}${ENQUEUE}`, {
        method: 'POST',
        headers: { Cookie: sim.sessionCookie, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ emailIDs: [LIAM] }),
      });
      expect(r.status).toBe(403);
      expect(sim.state.pending.size).toBe(0);
    });
  });

  it('the hosting site also needs a SharePoint or Global administrator', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      for (const k of Object.keys(f.directoryRoleMembers)) f.directoryRoleMembers[k] = [];
    });
    try {
      expect((await postJson(`${sim.siteUrl}${ENQUEUE}`, { emailIDs: [LIAM] })).status).toBe(403);
    } finally {
      await sim.close();
    }
  });
});

describe('createDirectClients({ siteSession }): the product\'s hosting-site client on the cookie session', () => {
  it('sends no bearer token to the site, fetches a form digest for writes, and keeps the bearer token for the admin host', async () => {
    await withBehaviour('bearer-refused', async (sim) => {
      const clients = createDirectClients({
        graphBaseUrl: sim.graphBaseUrl,
        siteUrl: sim.siteUrl,
        adminUrl: sim.spAdminUrl,
        token: 'test-token',
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
        siteSession: true,
        siteCookie: sim.sessionCookie,
      });
      const web = await clients.site.web.select('Title')();
      expect(web.Title).toBe('Migration');
      await clients.site.web.lists.add('Session log', '', 100);
      await clients.site.profiles.createPersonalSiteEnqueueBulk(LIAM);
      expect(sim.state.pending.has(LIAM)).toBe(true);
      await expect(clients.admin.profiles.createPersonalSiteEnqueueBulk('li.na@contoso.onmicrosoft.com')).rejects.toThrow(/403/);
      const contextInfo = sim.log.filter((e) => /\/_api\/contextinfo$/i.test(e.path));
      expect(contextInfo.length).toBeGreaterThanOrEqual(1);
      expect(contextInfo[0]?.path.startsWith('/sp/sites/migration/')).toBe(true);
    });
  });
});
