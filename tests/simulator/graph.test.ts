/** @jest-environment node */
import type { RunningSimulator } from '../../demo/simulator';
import { AUTH, expectGraphError, getJson, start } from './support';

interface UsersPage {
  value: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

describe('simulator: Microsoft Graph', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('unprovisioned-users');
  });
  afterAll(async () => {
    await sim.close();
  });

  it('exposes the documented base URLs', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.graphBaseUrl).toBe(`${sim.url}/graph/v1.0`);
    expect(sim.spRootUrl).toBe(`${sim.url}/sp`);
    expect(sim.siteUrl).toBe(`${sim.url}/sp/sites/migration`);
    expect(sim.spAdminUrl).toBe(`${sim.url}/sp-admin`);
  });

  it('answers 401 InvalidAuthenticationToken without a bearer token', async () => {
    for (const authorization of [undefined, 'Bearer ', 'Basic abc']) {
      const r = await fetch(`${sim.graphBaseUrl}/me`, { headers: authorization === undefined ? {} : { Authorization: authorization } });
      const body: unknown = await r.json();
      expectGraphError({ status: r.status, headers: r.headers, body }, 401, 'InvalidAuthenticationToken');
    }
  });

  it('answers CORS preflights with 204, allowing the requested headers; like Graph, it does not expose Retry-After', async () => {
    const r = await fetch(`${sim.graphBaseUrl}/users`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:4321', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,consistencylevel,sdkversion' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-headers')).toMatch(/consistencylevel/i);
    expect(r.headers.get('access-control-expose-headers')).toMatch(/request-id/);
    expect(r.headers.get('access-control-expose-headers')).not.toMatch(/Retry-After/i);
    const g = await fetch(`${sim.graphBaseUrl}/me`, { headers: AUTH });
    expect(g.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('reads /me, /organization, /subscribedSkus and my directory roles', async () => {
    const me = await getJson(`${sim.graphBaseUrl}/me?$select=id,userPrincipalName,displayName,accountEnabled,assignedPlans`);
    expect(me.status).toBe(200);
    expect(me.body.userPrincipalName).toBe('admin@contoso.onmicrosoft.com');
    expect(Array.isArray(me.body.assignedPlans)).toBe(true);
    expect(me.body).not.toHaveProperty('department');

    const org = await getJson<{ value: Array<{ id: string; displayName: string }> }>(`${sim.graphBaseUrl}/organization`);
    expect(org.body.value).toHaveLength(1);
    expect(org.body.value[0]?.displayName).toBe('Contoso');

    const skus = await getJson<{ value: Array<{ skuPartNumber: string; servicePlans: unknown[] }> }>(`${sim.graphBaseUrl}/subscribedSkus`);
    expect(skus.body.value.map((s) => s.skuPartNumber)).toContain('ENTERPRISEPACK');

    const roles = await getJson<{ value: Array<{ roleTemplateId: string; '@odata.type': string }> }>(
      `${sim.graphBaseUrl}/me/transitiveMemberOf/microsoft.graph.directoryRole`,
    );
    expect(roles.body.value.map((r) => r.roleTemplateId)).toEqual(['62e90394-69f5-4237-9190-012177145e10']);
    expect(roles.body.value[0]?.['@odata.type']).toBe('#microsoft.graph.directoryRole');
  });

  it('pages /users by absolute @odata.nextLink with an opaque $skiptoken and honours $select', async () => {
    const seen = new Set<string>();
    let url: string | undefined = `${sim.graphBaseUrl}/users?$select=id,userPrincipalName,accountEnabled&$top=64`;
    let pages = 0;
    while (url) {
      const r: { status: number; body: UsersPage } = await getJson<UsersPage>(url);
      expect(r.status).toBe(200);
      for (const u of r.body.value) {
        expect(Object.keys(u).sort()).toEqual(['accountEnabled', 'id', 'userPrincipalName']);
        seen.add(String(u.id));
      }
      url = r.body['@odata.nextLink'];
      if (url) {
        expect(url.startsWith(`${sim.graphBaseUrl}/users?`)).toBe(true);
        expect(new URL(url).searchParams.get('$skiptoken')).toBeTruthy();
        expect(new URL(url).searchParams.get('$select')).toBe('id,userPrincipalName,accountEnabled');
      }
      pages += 1;
    }
    expect(pages).toBe(4); // 200 users / 64
    expect(seen.size).toBe(200);
  });

  it('defaults to 100 users a page and Graph default properties without $select', async () => {
    const r = await getJson<UsersPage>(`${sim.graphBaseUrl}/users`);
    expect(r.body.value).toHaveLength(100);
    expect(r.body['@odata.nextLink']).toBeDefined();
    const first = r.body.value[0] ?? {};
    expect(first).toHaveProperty('userPrincipalName');
    expect(first).not.toHaveProperty('assignedPlans');
  });

  it('rejects $top above 999 and a foreign $skiptoken with 400', async () => {
    expectGraphError(await getJson(`${sim.graphBaseUrl}/users?$top=1000`), 400, 'Request_UnsupportedQuery');
    const ok = await getJson(`${sim.graphBaseUrl}/users?$top=999`);
    expect(ok.status).toBe(200);
    expect(await getJson(`${sim.graphBaseUrl}/users?$skiptoken=garbage`)).toMatchObject({ status: 400 });
  });

  it('filters users (accountEnabled, userType, startswith) and needs ConsistencyLevel for assignedLicenses/$count', async () => {
    const members = await getJson<UsersPage>(`${sim.graphBaseUrl}/users?$select=id,userType,accountEnabled&$top=999&$filter=accountEnabled eq true and userType eq 'Member'`);
    expect(members.body.value.every((u) => u.userType === 'Member' && u.accountEnabled === true)).toBe(true);
    expect(members.body.value).toHaveLength(200 - 8 - 8);

    const guests = await getJson<UsersPage>(`${sim.graphBaseUrl}/users?$filter=userType eq 'Guest'`);
    expect(guests.body.value).toHaveLength(8);

    const apostrophe = await getJson<UsersPage>(`${sim.graphBaseUrl}/users?$filter=${encodeURIComponent("startswith(userPrincipalName,'liam.o''b')")}`);
    expect(apostrophe.body.value.map((u) => u.userPrincipalName)).toEqual(["liam.o'brien@contoso.onmicrosoft.com"]);

    const licensedFilter = "accountEnabled eq true and userType eq 'Member' and assignedLicenses/$count ne 0";
    expectGraphError(await getJson(`${sim.graphBaseUrl}/users?$filter=${encodeURIComponent(licensedFilter)}`), 400, 'Request_UnsupportedQuery');
    expectGraphError(
      await getJson(`${sim.graphBaseUrl}/users?$filter=${encodeURIComponent(licensedFilter)}`, { ConsistencyLevel: 'eventual' }),
      400,
      'Request_UnsupportedQuery',
    );
    const licensed = await getJson<UsersPage>(`${sim.graphBaseUrl}/users?$count=true&$top=999&$filter=${encodeURIComponent(licensedFilter)}`, {
      ConsistencyLevel: 'eventual',
    });
    expect(licensed.status).toBe(200);
    expect(licensed.body['@odata.count']).toBe(176);
    expect(licensed.body.value).toHaveLength(176);
  });

  it('answers /users/$count as text only with ConsistencyLevel: eventual', async () => {
    const without = await getJson(`${sim.graphBaseUrl}/users/$count`);
    expectGraphError(without, 400, 'Request_BadRequest');
    expect((without.body as { error: { message: string } }).error.message).toMatch(/ConsistencyLevel/);

    const r = await fetch(`${sim.graphBaseUrl}/users/$count?$filter=${encodeURIComponent("accountEnabled eq true and userType eq 'Member' and assignedLicenses/$count ne 0")}`, {
      headers: { ...AUTH, ConsistencyLevel: 'eventual' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await r.text()).toBe('176');
  });

  it('reads single users by id or case-insensitive UPN; 404 Request_ResourceNotFound otherwise', async () => {
    const byUpn = await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent('ADELE.vance@contoso.onmicrosoft.com')}?$select=displayName`);
    expect(byUpn.status).toBe(200);
    expect(byUpn.body).toEqual(expect.objectContaining({ displayName: 'Adele Vance', id: expect.any(String) }));
    const byId = await getJson(`${sim.graphBaseUrl}/users/${String(byUpn.body.id)}?$select=userPrincipalName`);
    expect(byId.body.userPrincipalName).toBe('Adele.Vance@contoso.onmicrosoft.com');
    expectGraphError(await getJson(`${sim.graphBaseUrl}/users/nobody@contoso.onmicrosoft.com`), 404, 'Request_ResourceNotFound');
  });

  it('returns mySite only on single-user reads: the URL when provisioned, 404 "User\'s mysite not found." when not', async () => {
    const provisioned = await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent('Adele.Vance@contoso.onmicrosoft.com')}?$select=id,mySite`);
    expect(provisioned.status).toBe(200);
    expect(provisioned.body.mySite).toBe('https://contoso-my.sharepoint.com/personal/adele_vance_contoso_onmicrosoft_com');

    const missing = await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent("liam.o'brien@contoso.onmicrosoft.com")}?$select=mySite`);
    expectGraphError(missing, 404, 'ResourceNotFound');
    expect((missing.body as { error: { message: string } }).error.message).toBe("User's mysite not found.");

    const me = await getJson(`${sim.graphBaseUrl}/me?$select=mySite`);
    expect(me.body.mySite).toMatch(/\/personal\/admin_contoso_onmicrosoft_com$/);

    expectGraphError(await getJson(`${sim.graphBaseUrl}/users?$select=id,mySite`), 400, 'Request_UnsupportedQuery');
    const sitesBefore = sim.state.personalSites.length;
    expect(sitesBefore).toBe(116); // reads never provision
  });

  it('does not implement /users/{id}/drive (it would provision a OneDrive)', async () => {
    const r = await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent("liam.o'brien@contoso.onmicrosoft.com")}/drive`);
    expectGraphError(r, 501, 'NotImplemented');
    expect(sim.state.personalSites.length).toBe(116);
  });

  it('finds the connector service principal by appId, by displayName filter and by id, with its assignments and grants', async () => {
    const byAppId = await getJson(`${sim.graphBaseUrl}/servicePrincipals(appId='d62121f3-e023-4972-b6b0-794190c0fd98')?$select=id,appId,displayName,appRoleAssignmentRequired`);
    expect(byAppId.status).toBe(200);
    expect(byAppId.body).toEqual(
      expect.objectContaining({ displayName: 'Office 365 Mover', appRoleAssignmentRequired: true, appId: 'd62121f3-e023-4972-b6b0-794190c0fd98' }),
    );
    const spId = String(byAppId.body.id);
    expectGraphError(await getJson(`${sim.graphBaseUrl}/servicePrincipals(appId='00000000-0000-0000-0000-00000000dead')`), 404, 'Request_ResourceNotFound');

    const byName = await getJson<{ value: Array<{ id: string }> }>(
      `${sim.graphBaseUrl}/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'Office 365 Mover'")}`,
    );
    expect(byName.body.value.map((s) => s.id)).toEqual([spId]);
    const byAppIdFilter = await getJson<{ value: Array<{ id: string }> }>(
      `${sim.graphBaseUrl}/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'`,
    );
    expect(byAppIdFilter.body.value).toHaveLength(1);

    const byId = await getJson(`${sim.graphBaseUrl}/servicePrincipals/${spId}`);
    expect(byId.body.displayName).toBe('Office 365 Mover');

    const assigned = await getJson<{ value: Array<{ principalType: string; resourceId: string }> }>(`${sim.graphBaseUrl}/servicePrincipals/${spId}/appRoleAssignedTo`);
    expect(assigned.body.value.length).toBeGreaterThan(0);
    expect(assigned.body.value.every((a) => a.resourceId === spId)).toBe(true);

    const grants = await getJson<{ value: Array<{ clientId: string; consentType: string; scope: string }> }>(
      `${sim.graphBaseUrl}/oauth2PermissionGrants?$filter=clientId eq '${spId}'`,
    );
    expect(grants.body.value.map((g) => g.consentType)).toEqual(['AllPrincipals', 'AllPrincipals']);
    expect(grants.body.value.every((g) => g.clientId === spId)).toBe(true);
  });

  it('answers unknown routes with a Graph error, never HTML', async () => {
    expectGraphError(await getJson(`${sim.graphBaseUrl}/groups`), 501, 'NotImplemented');
  });

  it('logs every request with method, path+query as received, status and time', async () => {
    sim.clearLog();
    await getJson(`${sim.graphBaseUrl}/users?$top=5`);
    await getJson(`${sim.graphBaseUrl}/users/nobody`);
    expect(sim.log.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/graph/v1.0/users?$top=5', 200],
      ['GET', '/graph/v1.0/users/nobody', 404],
    ]);
    expect(typeof sim.log[0]?.at).toBe('number');
    const remote = await fetch(`${sim.url}/__sim/log`);
    expect(((await remote.json()) as unknown[]).length).toBe(2);
    expect((await fetch(`${sim.url}/__sim/reset-log`, { method: 'POST' })).status).toBe(204);
    expect(sim.log).toHaveLength(0);
  });
});

describe('simulator: delegated scopes', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('ready', (f) => {
      f.grantedScopes = ['User.Read', 'SharePoint/AllSites.FullControl'];
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers 403 Authorization_RequestDenied when no granted scope allows the call', async () => {
    expect((await getJson(`${sim.graphBaseUrl}/me`)).status).toBe(200);
    expect((await getJson(`${sim.graphBaseUrl}/organization`)).status).toBe(200);
    for (const p of ['/users', '/users/$count', '/subscribedSkus', "/servicePrincipals(appId='d62121f3-e023-4972-b6b0-794190c0fd98')", '/oauth2PermissionGrants']) {
      const r = await getJson(`${sim.graphBaseUrl}${p}`, { ConsistencyLevel: 'eventual' });
      expectGraphError(r, 403, 'Authorization_RequestDenied');
      expect((r.body as { error: { message: string } }).error.message).toBe('Insufficient privileges to complete the operation.');
    }
  });
});
