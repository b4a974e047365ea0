/** @jest-environment node */
import type { RunningSimulator, TenantFixture } from '../../demo/simulator';
import { AUTH, csomPersonalSitesXml, getJson, postJson, sleep, start } from './support';

type CsomResponse = Array<unknown>;
interface CsomHeader {
  SchemaVersion: string;
  ErrorInfo: null | { ErrorMessage: string; ErrorCode: number; ErrorTypeName: string };
}
interface SitePage {
  _ObjectType_: string;
  NextStartIndexFromSharePoint: string | null;
  _Child_Items_: Array<{ _ObjectType_: string; Url: string; Owner: string; Template: string; Title: string }>;
}

async function processQuery(sim: RunningSimulator, xml: string): Promise<{ status: number; body: CsomResponse; contentType: string | null }> {
  const r = await fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'text/xml' },
    body: xml,
  });
  return { status: r.status, body: (await r.json()) as CsomResponse, contentType: r.headers.get('content-type') };
}

const SP_ACCESS_DENIED = {
  'odata.error': {
    code: '-2147024891, System.UnauthorizedAccessException',
    message: { lang: 'en-US', value: 'Access denied. You do not have permission to perform this action or access this resource.' },
  },
};

describe('simulator: SharePoint basics', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('ready');
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers contextinfo in nometadata and verbose forms, for any site', async () => {
    const plain = await postJson(`${sim.siteUrl}/_api/contextinfo`, '', { Accept: 'application/json' });
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual(
      expect.objectContaining({ FormDigestTimeoutSeconds: 1800, WebFullUrl: sim.siteUrl, SiteFullUrl: sim.siteUrl, FormDigestValue: expect.any(String) }),
    );
    const verbose = await postJson<{ d: { GetContextWebInformation: Record<string, unknown> } }>(`${sim.spAdminUrl}/_API/ContextInfo`, '', {
      Accept: 'application/json;odata=verbose',
    });
    expect(verbose.body.d.GetContextWebInformation).toEqual(
      expect.objectContaining({ FormDigestTimeoutSeconds: 1800, WebFullUrl: sim.spAdminUrl, FormDigestValue: expect.any(String) }),
    );
  });

  it('answers web and currentuser of the hosting site', async () => {
    const web = await getJson(`${sim.siteUrl}/_api/web`);
    expect(web.body).toEqual(expect.objectContaining({ Title: 'Migration', Url: sim.siteUrl }));
    const me = await getJson(`${sim.siteUrl}/_api/web/currentuser`);
    expect(me.body).toEqual(
      expect.objectContaining({ Title: 'MOD Administrator', Email: 'admin@contoso.onmicrosoft.com', LoginName: 'i:0#.f|membership|admin@contoso.onmicrosoft.com' }),
    );
  });

  it('needs a bearer token (401 with the SharePoint error shape)', async () => {
    const r = await fetch(`${sim.siteUrl}/_api/web`);
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual(SP_ACCESS_DENIED);
  });

  it('answers 404 for unknown sites', async () => {
    const r = await getJson<{ 'odata.error': { code: string } }>(`${sim.url}/sp/sites/nowhere/_api/web`);
    expect(r.status).toBe(404);
    expect(r.body['odata.error'].code).toMatch(/FileNotFoundException/);
  });

  it('creates a list, its fields and items on the hosting site', async () => {
    const missing = await getJson<{ 'odata.error': { message: { value: string } } }>(`${sim.siteUrl}/_api/web/lists/getByTitle('Provisioning log')`);
    expect(missing.status).toBe(404);
    expect(missing.body['odata.error'].message.value).toBe(`List 'Provisioning log' does not exist at site with URL '${sim.siteUrl}'.`);

    const created = await postJson(`${sim.siteUrl}/_api/web/lists`, { Title: 'Provisioning log', BaseTemplate: 100, Description: '' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ Title: 'Provisioning log', BaseTemplate: 100 }));
    expect((await postJson(`${sim.siteUrl}/_api/web/lists`, { Title: 'provisioning LOG', BaseTemplate: 100 })).status).toBe(500);

    const field = await postJson(
      `${sim.siteUrl}/_api/web/lists/getByTitle('Provisioning%20log')/fields`,
      { __metadata: { type: 'SP.FieldMultiLineText' }, Title: 'Emails', FieldTypeKind: 3 },
      { Accept: 'application/json;odata=verbose', 'Content-Type': 'application/json;odata=verbose' },
    );
    expect(field.status).toBe(201);
    expect((field.body as { d: Record<string, unknown> }).d).toEqual(expect.objectContaining({ Title: 'Emails', FieldTypeKind: 3 }));
    expect(sim.state.listsOf('/sp/sites/migration').get('provisioning log')?.fields.map((f) => f.Title)).toEqual(['Emails']);

    for (const n of [1, 2, 3]) {
      const item = await postJson(`${sim.siteUrl}/_api/web/lists/getbytitle('Provisioning log')/items`, { Title: `request ${n}`, Emails: `a${n}@contoso.com` });
      expect(item.status).toBe(201);
      expect(item.body).toEqual(expect.objectContaining({ Id: n, ID: n, Title: `request ${n}` }));
    }
    const items = await getJson<{ value: Array<Record<string, unknown>> }>(
      `${sim.siteUrl}/_api/web/lists/getbytitle('Provisioning log')/items?$top=2&$orderby=Id desc&$select=Id,Title`,
    );
    expect(items.body.value).toEqual([
      // Minimal metadata carries each item's ETag (its version), as SharePoint Online sends it.
      { 'odata.etag': '"1"', Id: 3, Title: 'request 3' },
      { 'odata.etag': '"1"', Id: 2, Title: 'request 2' },
    ]);
    const verbose = await getJson<{ d: { results: Array<Record<string, unknown>> } }>(`${sim.siteUrl}/_api/web/lists/getbytitle('Provisioning log')/items`, {
      Accept: 'application/json;odata=verbose',
    });
    expect(verbose.body.d.results).toHaveLength(3);
  });

  it('guards item updates and deletes by ETag: a stale If-Match gets 412 and changes nothing, * or none overwrites', async () => {
    await postJson(`${sim.siteUrl}/_api/web/lists`, { Title: 'Lease list', BaseTemplate: 100 });
    const itemUrl = `${sim.siteUrl}/_api/web/lists/getbytitle('Lease list')/items(1)`;
    const created = await postJson(`${sim.siteUrl}/_api/web/lists/getbytitle('Lease list')/items`, { Title: 'lease' }, { Accept: 'application/json' });
    expect(created.body).toEqual(expect.objectContaining({ 'odata.etag': '"1"', Id: 1 }));
    const merge = (body: unknown, ifMatch?: string): ReturnType<typeof postJson> =>
      postJson(itemUrl, body, { 'X-HTTP-Method': 'MERGE', ...(ifMatch !== undefined ? { 'IF-MATCH': ifMatch } : {}) });

    expect((await merge({ Title: 'first' }, '"1"')).status).toBe(204);
    const read = await getJson(itemUrl);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(read.body).toEqual(expect.objectContaining({ 'odata.etag': '"2"', Title: 'first' }));

    // A second writer who read version 1 loses: 412, and the item keeps the first writer's value.
    const stale = await merge({ Title: 'second' }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({
      'odata.error': {
        code: '-1, Microsoft.SharePoint.Client.ClientServiceException',
        message: { lang: 'en-US', value: `The request ETag value '"1"' does not match the object's ETag value '"2"'.` },
      },
    });
    expect((await getJson(itemUrl)).body).toEqual(expect.objectContaining({ Title: 'first' }));

    expect((await merge({ Title: 'forced' }, '*')).status).toBe(204);
    expect((await merge({ Title: 'unguarded' })).status).toBe(204);
    expect((await getJson(itemUrl)).body).toEqual(expect.objectContaining({ 'odata.etag': '"4"', Title: 'unguarded' }));
    expect((await postJson(itemUrl, {}, { 'X-HTTP-Method': 'DELETE', 'IF-MATCH': '"3"' })).status).toBe(412);
    expect((await postJson(itemUrl, {}, { 'X-HTTP-Method': 'DELETE', 'IF-MATCH': '"4"' })).status).toBe(200);
    // nometadata leaves the annotation out.
    const plain = await postJson(`${sim.siteUrl}/_api/web/lists/getbytitle('Lease list')/items`, { Title: 'x' });
    expect(plain.body).not.toHaveProperty('odata.etag');
  });

  it('refuses list creation when the fixture says the user cannot create lists', async () => {
    const locked = await start('ready', (f: TenantFixture) => {
      f.sharePoint.canCreateLists = false;
    });
    try {
      const r = await postJson(`${locked.siteUrl}/_api/web/lists`, { Title: 'Provisioning log', BaseTemplate: 100 });
      expect(r.status).toBe(403);
      expect(r.body).toEqual(SP_ACCESS_DENIED);
    } finally {
      await locked.close();
    }
  });
});

describe('simulator: personal-site enumeration through CSOM', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('unprovisioned-users'); // 116 personal sites, page size 50
  });
  afterAll(async () => {
    await sim.close();
  });

  it('pages by NextStartIndexFromSharePoint until null', async () => {
    const owners: string[] = [];
    let start: string | undefined;
    let pages = 0;
    for (;;) {
      const r = await processQuery(sim, csomPersonalSitesXml(start));
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/^application\/json/);
      const header = r.body[0] as CsomHeader;
      expect(header.ErrorInfo).toBeNull();
      expect(header.SchemaVersion).toBe('15.0.0.0');
      const page = r.body[r.body.length - 1] as SitePage;
      expect(page._ObjectType_).toBe('Microsoft.Online.SharePoint.TenantAdministration.SPOSitePropertiesEnumerable');
      for (const s of page._Child_Items_) {
        expect(s.Template).toBe('SPSPERS#10');
        expect(s._ObjectType_).toBe('Microsoft.Online.SharePoint.TenantAdministration.SiteProperties');
        owners.push(s.Owner);
      }
      pages += 1;
      if (page.NextStartIndexFromSharePoint === null) break;
      start = page.NextStartIndexFromSharePoint;
    }
    expect(pages).toBe(3);
    expect(owners).toHaveLength(116);
    expect(new Set(owners).size).toBe(116);
    expect(owners).toContain('adele.vance@contoso.onmicrosoft.com'); // UPN is Adele.Vance@…: compare case-insensitively
  });

  it('echoes the action ids of the request and accepts StartIndex as an empty string', async () => {
    const r = await processQuery(sim, csomPersonalSitesXml(''));
    expect(r.body.slice(1, 6)).toEqual([2, { IsNull: false }, 4, { IsNull: false }, 5]);
    expect((r.body[6] as SitePage)._Child_Items_).toHaveLength(50);
  });

  it('reports a missing admin role as a CSOM error with HTTP 200', async () => {
    const noRole = await start('ready', (f) => {
      for (const k of Object.keys(f.directoryRoleMembers)) f.directoryRoleMembers[k] = [];
    });
    try {
      const r = await processQuery(noRole, csomPersonalSitesXml());
      expect(r.status).toBe(200);
      expect(r.body).toHaveLength(1);
      expect((r.body[0] as CsomHeader).ErrorInfo).toEqual(
        expect.objectContaining({ ErrorCode: -2147024891, ErrorTypeName: 'System.UnauthorizedAccessException', ErrorMessage: expect.stringMatching(/Access denied/) }),
      );
      const enqueue = await postJson(`${noRole.spAdminUrl}/_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk`, { emailIDs: [] });
      expect(enqueue.status).toBe(403);
    } finally {
      await noRole.close();
    }
  });

  it('answers 401 on the admin site when no SharePoint scope is granted', async () => {
    const noScope = await start('ready', (f) => {
      f.grantedScopes = f.grantedScopes.filter((s) => !s.startsWith('SharePoint/'));
    });
    try {
      const r = await fetch(`${noScope.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, { method: 'POST', headers: AUTH, body: csomPersonalSitesXml() });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      // The hosting site is reached same-origin in SPFx: no SharePoint scope needed there.
      expect((await getJson(`${noScope.siteUrl}/_api/web`)).status).toBe(200);
    } finally {
      await noScope.close();
    }
  });
});

describe('simulator: CreatePersonalSiteEnqueueBulk', () => {
  const ENQUEUE = '/_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk';

  it('enqueues licensed, enabled users without a site; sites appear after provisioningDelayMs', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.provisioningDelayMs = 300;
    });
    try {
      const before = sim.state.personalSites.length;
      const r = await postJson(`${sim.spAdminUrl}${ENQUEUE.toLowerCase()}`, {
        emailIDs: ["LIAM.O'BRIEN@contoso.onmicrosoft.com", 'adele.vance@contoso.onmicrosoft.com', 'nobody@contoso.onmicrosoft.com', 'former.employee@contoso.onmicrosoft.com'],
      });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ 'odata.null': true });
      expect([...sim.state.pending.keys()]).toEqual(["liam.o'brien@contoso.onmicrosoft.com"]);

      const url = `${sim.graphBaseUrl}/users/${encodeURIComponent("liam.o'brien@contoso.onmicrosoft.com")}?$select=mySite`;
      expect((await getJson(url)).status).toBe(404); // still pending
      await sleep(350);
      const after = await getJson(url);
      expect(after.status).toBe(200);
      expect(after.body.mySite).toBe('https://contoso-my.sharepoint.com/personal/liam_o_brien_contoso_onmicrosoft_com');
      expect(sim.state.personalSites.length).toBe(before + 1);
      expect(sim.state.pending.size).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('with provisioningDelayMs 0 the site is there on the next request', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.provisioningDelayMs = 0;
    });
    try {
      await postJson(`${sim.spAdminUrl}${ENQUEUE}`, { emailIDs: ['li.na@contoso.onmicrosoft.com'] });
      const r = await getJson(`${sim.graphBaseUrl}/users/li.na@contoso.onmicrosoft.com?$select=mySite`);
      expect(r.status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('refuses more than 200 addresses', async () => {
    const sim = await start('ready');
    try {
      const emails = Array.from({ length: 201 }, (_, i) => `u${i}@contoso.onmicrosoft.com`);
      expect((await postJson(`${sim.spAdminUrl}${ENQUEUE}`, { emailIDs: emails })).status).toBe(400);
      expect((await postJson(`${sim.spAdminUrl}${ENQUEUE}`, { emailIDs: emails.slice(0, 200) })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('access-denied-200: HTTP 200 whose body is the access-denied error, and nothing is enqueued', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.enqueueBehaviour = 'access-denied-200';
    });
    try {
      const r = await postJson(`${sim.spAdminUrl}${ENQUEUE}`, { emailIDs: ["liam.o'brien@contoso.onmicrosoft.com"] });
      expect(r.status).toBe(200);
      expect(r.body).toEqual(SP_ACCESS_DENIED);
      expect(sim.state.pending.size).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('forbidden: 403', async () => {
    const sim = await start('ready', (f) => {
      f.sharePoint.enqueueBehaviour = 'forbidden';
    });
    try {
      const r = await postJson(`${sim.spAdminUrl}${ENQUEUE}`, { emailIDs: ['a@contoso.onmicrosoft.com'] });
      expect(r.status).toBe(403);
      expect(r.body).toEqual(SP_ACCESS_DENIED);
    } finally {
      await sim.close();
    }
  });
});
