/** @jest-environment node */
/**
 * Hosts and sessions: the admin host's modes (ok / cors-blocked / unauthorized), the hosting site's cookie session with
 * form digests, distinct origins and their CORS answers, the my host.
 */
import { SESSION_COOKIE_NAME, SESSION_COOKIE_VALUE, startSimulator, type RunningSimulator } from '../../demo/simulator';
import { AUTH, csomPersonalSitesXml, getJson, postJson, scenario, start } from './support';

const SECURITY_VALIDATION = {
  'odata.error': {
    code: '-2130575251, Microsoft.SharePoint.SPException',
    message: {
      lang: 'en-US',
      value: "The security validation for this page is invalid and might be corrupted. Please use your web browser's Back button to try your operation again.",
    },
  },
};

describe('simulator: sharePoint.adminHost', () => {
  it('"unauthorized": every admin-host request gets 401 with SharePoint\'s challenge and body', async () => {
    const sim = await start('ready', (f) => {
      f.sharePoint.adminHost = 'unauthorized';
    });
    try {
      for (const r of [
        await fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, { method: 'POST', headers: AUTH, body: csomPersonalSitesXml() }),
        await fetch(`${sim.spAdminUrl}/_api/web`, { headers: AUTH }),
        await fetch(`${sim.spAdminUrl}/_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk`, {
          method: 'POST',
          headers: { ...AUTH, 'Content-Type': 'application/json' },
          body: JSON.stringify({ emailIDs: ['a@contoso.onmicrosoft.com'] }),
        }),
      ]) {
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="[0-9a-f-]{36}",client_id="00000003-0000-0ff1-ce00-000000000000",trusted_issuers=/);
        expect(r.headers.get('sprequestguid')).toMatch(/^[0-9a-f-]{36}$/);
        expect(await r.json()).toEqual({ error_description: 'Invalid issuer or signature.' });
      }
      // The hosting site and Graph are unaffected.
      expect((await getJson(`${sim.siteUrl}/_api/web`)).status).toBe(200);
      expect((await getJson(`${sim.graphBaseUrl}/me`)).status).toBe(200);
      expect(sim.state.pending.size).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('"cors-blocked": a client without Origin gets the connection closed (a network error); the attempt is logged with status 0', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.adminHost = 'cors-blocked';
    });
    try {
      await expect(fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, { method: 'POST', headers: AUTH, body: csomPersonalSitesXml() })).rejects.toThrow(
        'fetch failed',
      );
      expect(sim.log.filter((e) => /ProcessQuery/i.test(e.path)).map((e) => e.status)).toEqual([0]);
      // Other hosts answer normally.
      expect((await getJson(`${sim.graphBaseUrl}/me`)).status).toBe(200);
      expect((await getJson(`${sim.siteUrl}/_api/web`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('"cors-blocked": a cross-origin (browser) request gets answers without any Access-Control-Allow-* header, preflight included', async () => {
    const sim = await startSimulator({
      fixture: scenario('ready', (f) => {
        f.sharePoint.adminHost = 'cors-blocked';
      }),
      origins: 'distinct',
    });
    try {
      const preflight = await fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, {
        method: 'OPTIONS',
        headers: { Origin: sim.url, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
      const r = await fetch(`${sim.spAdminUrl}/_api/web`, { headers: { ...AUTH, Origin: sim.url } });
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      // Graph still answers CORS.
      const g = await fetch(`${sim.graphBaseUrl}/me`, { headers: { ...AUTH, Origin: sim.url } });
      expect(g.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: the hosting site\'s cookie session and form digests', () => {
  let sim: RunningSimulator;
  const cookie = { Cookie: `${SESSION_COOKIE_NAME}=${SESSION_COOKIE_VALUE}` };
  beforeAll(async () => {
    sim = await start('ready');
  });
  afterAll(async () => {
    await sim.close();
  });

  async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  it('reads with the session cookie and no bearer token; the cookie is exported as the running simulator\'s sessionCookie', async () => {
    expect(sim.sessionCookie).toBe(`${SESSION_COOKIE_NAME}=${SESSION_COOKIE_VALUE}`);
    const r = await fetch(`${sim.siteUrl}/_api/web`, { headers: { Cookie: sim.sessionCookie, Accept: 'application/json' } });
    expect(r.status).toBe(200);
    expect((await fetch(`${sim.siteUrl}/_api/web`, { headers: { Cookie: `${SESSION_COOKIE_NAME}=forged` } })).status).toBe(401);
  });

  it('refuses a cookie write without X-RequestDigest (403 security validation), accepts it with a digest from contextinfo', async () => {
    const list = { Title: 'Session list', BaseTemplate: 100 };
    const without = await post(`${sim.siteUrl}/_api/web/lists`, list, cookie);
    expect(without).toEqual({ status: 403, body: SECURITY_VALIDATION });
    const forged = await post(`${sim.siteUrl}/_api/web/lists`, list, { ...cookie, 'X-RequestDigest': '0xABC,01 Jan 2026 00:00:00 -0000' });
    expect(forged.status).toBe(403);

    const info = await post(`${sim.siteUrl}/_api/contextinfo`, undefined, cookie);
    expect(info.status).toBe(200);
    const digest = (info.body as { FormDigestValue: string }).FormDigestValue;
    const created = await post(`${sim.siteUrl}/_api/web/lists`, list, { ...cookie, 'X-RequestDigest': digest });
    expect(created.status).toBe(201);
  });

  it('does not check digests on bearer-token calls, and the cookie is not valid on the admin host', async () => {
    expect((await postJson(`${sim.siteUrl}/_api/web/lists`, { Title: 'Bearer list', BaseTemplate: 100 })).status).toBe(201);
    const admin = await fetch(`${sim.spAdminUrl}/_api/web`, { headers: cookie });
    expect(admin.status).toBe(401);
  });
});

describe('simulator: distinct origins', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ fixture: scenario('ready'), origins: 'distinct' });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('puts the hosting site, admin host, my host and Graph on four origins, each answering only its own paths', async () => {
    expect(sim.origins).toHaveLength(4);
    expect(new Set(sim.origins).size).toBe(4);
    expect(sim.origins[0]).toBe(sim.url);
    expect(sim.siteUrl.startsWith(sim.url)).toBe(true);
    const adminOrigin = new URL(sim.spAdminUrl).origin;
    const graphOrigin = new URL(sim.graphBaseUrl).origin;
    expect(sim.origins).toEqual(expect.arrayContaining([adminOrigin, graphOrigin, sim.myHostUrl]));
    expect((await getJson(`${sim.graphBaseUrl}/me`)).status).toBe(200);
    expect((await getJson(`${sim.spAdminUrl}/_api/web`)).status).toBe(200);
    expect((await getJson(`${sim.siteUrl}/_api/web`)).status).toBe(200);
    // Wrong origin for the path → 404.
    expect((await fetch(`${sim.url}/graph/v1.0/me`, { headers: AUTH })).status).toBe(404);
    expect((await fetch(`${graphOrigin}/sp/sites/migration/_api/web`, { headers: AUTH })).status).toBe(404);
    expect((await fetch(`${adminOrigin}/graph/v1.0/me`, { headers: AUTH })).status).toBe(404);
  });

  it('answers CORS as each host does: Graph any origin without exposing Retry-After; SharePoint hosts with SPRequestGuid exposed', async () => {
    const pre = await fetch(`${sim.graphBaseUrl}/users`, {
      method: 'OPTIONS',
      headers: { Origin: sim.url, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,consistencylevel' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,consistencylevel');
    const g = await fetch(`${sim.graphBaseUrl}/me`, { headers: { ...AUTH, Origin: sim.url } });
    expect(g.headers.get('access-control-expose-headers')).not.toMatch(/retry-after/i);

    const admin = await fetch(`${sim.spAdminUrl}/_api/web`, { headers: { ...AUTH, Origin: sim.url } });
    expect(admin.headers.get('access-control-allow-origin')).toBe('*');
    expect(admin.headers.get('access-control-expose-headers')).toMatch(/SPRequestGuid/);
  });

  it('builds absolute URLs (nextLink, WebFullUrl) on the origin that answered', async () => {
    const users = await getJson<{ '@odata.nextLink': string }>(`${sim.graphBaseUrl}/users?$top=5&$select=id`);
    expect(users.body['@odata.nextLink'].startsWith(sim.graphBaseUrl)).toBe(true);
    const info = await postJson<{ WebFullUrl: string }>(`${sim.spAdminUrl}/_api/contextinfo`, '');
    expect(info.body.WebFullUrl).toBe(sim.spAdminUrl);
  });

  it('serves the signed-in user\'s own personal site on the my host; other users\' sites are 403, unknown ones 404', async () => {
    const own = await getJson<{ Url: string }>(`${sim.myHostUrl}/personal/admin_contoso_onmicrosoft_com/_api/web`);
    expect(own.status).toBe(200);
    expect(own.body.Url).toBe('https://contoso-my.sharepoint.com/personal/admin_contoso_onmicrosoft_com');
    expect((await getJson(`${sim.myHostUrl}/personal/adele_vance_contoso_onmicrosoft_com/_api/web`)).status).toBe(403);
    expect((await getJson(`${sim.myHostUrl}/personal/nobody_contoso_onmicrosoft_com/_api/web`)).status).toBe(404);
  });
});
