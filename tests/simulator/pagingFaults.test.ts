/** @jest-environment node */
import type { RunningSimulator, TenantFixture } from '../../demo/simulator';
import { validateFixture } from '../../demo/simulator';
import type { PagingFault } from '../../demo/simulator/types';
import { AUTH, csomPersonalSitesXml, getJson, postJson, scenario, start } from './support';

interface UsersPage {
  value: Array<{ id: string; userPrincipalName?: string }>;
  '@odata.nextLink'?: string;
  error?: { code: string };
}

/** 200 users in pages of 50 (the service's page size, whatever $top asks): pages 1–4. */
function multiPage(faults: PagingFault[]): (f: TenantFixture) => void {
  return (f) => {
    f.simulation = { ...(f.simulation ?? {}), pageSizes: { personalSites: 50, users: 50, oauth2PermissionGrants: 1 }, pagingFaults: faults };
  };
}

async function usersPages(sim: RunningSimulator, max = 8): Promise<{ links: string[]; pages: UsersPage[] }> {
  const links: string[] = [];
  const pages: UsersPage[] = [];
  let url: string | undefined = `${sim.graphBaseUrl}/users?$select=id,userPrincipalName&$top=999`;
  while (url !== undefined && pages.length < max) {
    links.push(url);
    const r: { body: UsersPage } = await getJson<UsersPage>(url);
    pages.push(r.body);
    url = r.body['@odata.nextLink'];
  }
  return { links, pages };
}

interface CsomPage {
  next: string | null;
  owners: Array<string | undefined>;
}

async function csomPage(sim: RunningSimulator, token?: string): Promise<{ status: number; text: string; page?: CsomPage; errorType?: string }> {
  const r = await fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'text/xml' },
    body: csomPersonalSitesXml(token ?? '0'),
  });
  const text = await r.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: r.status, text };
  }
  const parts = body as Array<Record<string, unknown>>;
  const errorInfo = (parts[0] as { ErrorInfo: { ErrorTypeName: string } | null }).ErrorInfo;
  if (errorInfo) return { status: r.status, text, errorType: errorInfo.ErrorTypeName };
  const last = parts[parts.length - 1] as { NextStartIndexFromSharePoint: string | null; _Child_Items_: Array<{ Owner?: string }> };
  return { status: r.status, text, page: { next: last.NextStartIndexFromSharePoint, owners: last._Child_Items_.map((i) => i.Owner) } };
}

describe('simulator: paging faults (simulation.pagingFaults)', () => {
  let sim: RunningSimulator;
  afterEach(async () => {
    await sim.close();
  });

  it('pages users by the service page size whatever $top asks, and without faults reads every user once', async () => {
    sim = await start('unprovisioned-users', multiPage([]));
    const { pages } = await usersPages(sim);
    expect(pages.map((p) => p.value.length)).toEqual([50, 50, 50, 50]);
    const ids = pages.flatMap((p) => p.value.map((u) => u.id));
    expect(new Set(ids).size).toBe(200);
  });

  it('cycle: page N+1 links back to page N, forever', async () => {
    sim = await start('unprovisioned-users', multiPage([{ collection: 'users', kind: 'cycle', page: 2 }]));
    const { links, pages } = await usersPages(sim, 6);
    expect(pages).toHaveLength(6);
    // Reads: 1, 2, 3, 2, 3, 2 — page 3 points back to page 2's own link.
    expect(links[3]).toBe(links[1]);
    expect(links[5]).toBe(links[1]);
    expect(pages[3]?.value[0]?.id).toBe(pages[1]?.value[0]?.id);
  });

  it('cycle on page 1 links page 2 back to the first request (without a skiptoken)', async () => {
    sim = await start('unprovisioned-users', multiPage([{ collection: 'users', kind: 'cycle', page: 1 }]));
    const { links, pages } = await usersPages(sim, 3);
    expect(links[2]).not.toContain('$skiptoken');
    expect(pages[2]?.value[0]?.id).toBe(pages[0]?.value[0]?.id);
  });

  it('foreign-host: page N’s next link points to https://foreign.invalid with the same path and query', async () => {
    sim = await start('unprovisioned-users', multiPage([{ collection: 'users', kind: 'foreign-host', page: 2 }]));
    const first = await getJson<UsersPage>(`${sim.graphBaseUrl}/users?$select=id&$top=999`);
    const second = await getJson<UsersPage>(first.body['@odata.nextLink'] as string);
    const link = new URL(second.body['@odata.nextLink'] as string);
    expect(link.origin).toBe('https://foreign.invalid');
    expect(link.pathname).toBe('/graph/v1.0/users');
    expect(link.searchParams.get('$skiptoken')).toBeTruthy();
  });

  it('duplicate-page: page N is served twice under two different links, and no user is lost', async () => {
    sim = await start('unprovisioned-users', multiPage([{ collection: 'users', kind: 'duplicate-page', page: 2 }]));
    const { links, pages } = await usersPages(sim);
    expect(pages.map((p) => p.value.length)).toEqual([50, 50, 50, 50, 50]);
    expect(new Set(links).size).toBe(links.length);
    expect(pages[2]?.value.map((u) => u.id)).toEqual(pages[1]?.value.map((u) => u.id));
    expect(new Set(pages.flatMap((p) => p.value.map((u) => u.id))).size).toBe(200);
  });

  it('missing-upn: page N’s users come without userPrincipalName', async () => {
    sim = await start('unprovisioned-users', multiPage([{ collection: 'users', kind: 'missing-upn', page: 3 }]));
    const { pages } = await usersPages(sim);
    expect(pages[2]?.value.every((u) => !('userPrincipalName' in u))).toBe(true);
    expect(pages[1]?.value.every((u) => typeof u.userPrincipalName === 'string')).toBe(true);
  });

  it('invalid-json: page N’s body is cut in half; error-body-200: page N is HTTP 200 with a Graph error body', async () => {
    sim = await start('unprovisioned-users', multiPage([
      { collection: 'users', kind: 'invalid-json', page: 2, times: 1 },
      { collection: 'users', kind: 'error-body-200', page: 3, times: 1 },
    ]));
    const first = await getJson<UsersPage>(`${sim.graphBaseUrl}/users?$select=id&$top=999`);
    const secondLink = first.body['@odata.nextLink'] as string;
    const cut = await fetch(secondLink, { headers: AUTH });
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-type')).toContain('application/json');
    const text = await cut.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    // `times: 1`: the page reads again normally.
    const second = await getJson<UsersPage>(secondLink);
    const third = await getJson<UsersPage>(second.body['@odata.nextLink'] as string);
    expect(third.status).toBe(200);
    expect(third.body.error?.code).toBe('UnknownError');
    expect(third.body.value).toBeUndefined();
  });

  it('bends the grants collection too (oauth2PermissionGrants, one grant a page here)', async () => {
    sim = await start('ready', multiPage([{ collection: 'oauth2PermissionGrants', kind: 'cycle', page: 1 }]));
    const url = `${sim.graphBaseUrl}/oauth2PermissionGrants`;
    const p1 = await getJson<UsersPage>(url);
    const p2 = await getJson<UsersPage>(p1.body['@odata.nextLink'] as string);
    expect(p2.body['@odata.nextLink']).toBe(`${url}`);
  });

  it('personal sites (CSOM): cycle reuses the token that read page N; duplicate-page; missing-upn drops Owner; error-body-200 is a CSOM ErrorInfo', async () => {
    sim = await start('unprovisioned-users', multiPage([
      { collection: 'personalSites', kind: 'cycle', page: 2 },
      { collection: 'personalSites', kind: 'missing-upn', page: 1 },
    ]));
    const p1 = await csomPage(sim);
    expect(p1.page?.owners.every((o) => o === undefined)).toBe(true);
    const t2 = p1.page?.next as string;
    const p2 = await csomPage(sim, t2);
    expect(p2.page?.owners.every((o) => typeof o === 'string')).toBe(true);
    const p3 = await csomPage(sim, p2.page?.next as string);
    expect(p3.page?.next).toBe(t2);

    sim.setPagingFaults([
      { collection: 'personalSites', kind: 'duplicate-page', page: 1 },
      { collection: 'personalSites', kind: 'error-body-200', page: 3 },
      { collection: 'personalSites', kind: 'invalid-json', page: 2, times: 1 },
    ]);
    const d1 = await csomPage(sim);
    const d1again = await csomPage(sim, d1.page?.next as string);
    expect(d1again.page?.owners).toEqual(d1.page?.owners);
    const cut = await csomPage(sim, d1again.page?.next as string);
    expect(cut.status).toBe(200);
    expect(cut.page).toBeUndefined();
    expect(cut.errorType).toBeUndefined();
    const d2 = await csomPage(sim, d1again.page?.next as string);
    const d3 = await csomPage(sim, d2.page?.next as string);
    expect(d3.status).toBe(200);
    expect(d3.errorType).toBe('Microsoft.SharePoint.SPException');
  });

  it('takes paging faults from other processes through POST /__sim/paging-faults, validated', async () => {
    sim = await start('unprovisioned-users', multiPage([]));
    const bad = await postJson(`${sim.url}/__sim/paging-faults`, [{ collection: 'personalSites', kind: 'foreign-host', page: 1 }]);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toMatch(/collection: must be equal to one of the allowed values: "users", "oauth2PermissionGrants"/);
    const ok = await postJson(`${sim.url}/__sim/paging-faults`, [{ collection: 'users', kind: 'cycle', page: 1 }]);
    expect(ok.status).toBe(204);
    expect((await getJson(`${sim.url}/__sim/paging-faults`)).body).toEqual([{ collection: 'users', kind: 'cycle', page: 1 }]);
  });

  it('rejects faults that cannot apply: foreign-host on personal sites (CSOM tokens are not links), missing-upn on grants', () => {
    const base = scenario('ready');
    expect(() => validateFixture({ ...base, simulation: { pagingFaults: [{ collection: 'personalSites', kind: 'foreign-host', page: 1 }] } })).toThrow(
      /simulation\.pagingFaults\[0\]\.collection: must be equal to one of the allowed values: "users", "oauth2PermissionGrants"/,
    );
    expect(() => validateFixture({ ...base, simulation: { pagingFaults: [{ collection: 'oauth2PermissionGrants', kind: 'missing-upn', page: 2 }] } })).toThrow(
      /collection: must be equal to one of the allowed values: "users", "personalSites"/,
    );
    expect(() => validateFixture({ ...base, simulation: { pagingFaults: [{ collection: 'users', kind: 'loop', page: 0 }] } as unknown as TenantFixture['simulation'] })).toThrow(
      /pagingFaults\[0\]\.kind: must be equal to one of the allowed values/,
    );
  });
});

describe('simulator: a 5xx after the work is done (afterProcessing)', () => {
  let sim: RunningSimulator;
  afterEach(async () => {
    await sim.close();
  });

  it('enqueues the addresses, then answers 503: a client cannot tell it from "not processed"', async () => {
    sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.provisioningDelayMs = 60000;
      f.simulation = { ...(f.simulation ?? {}), faults: [{ match: 'POST /_api/SP.UserProfiles', status: 503, afterProcessing: true, times: 1 }] };
    });
    const address = 'liam.o\'brien@contoso.onmicrosoft.com';
    const r = await postJson(`${sim.spAdminUrl}/_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk`, { emailIDs: [address] });
    expect(r.status).toBe(503);
    expect(JSON.stringify(r.body)).toContain('SPServerTooBusyException');
    expect([...sim.state.pending.keys()]).toContain(address);
  });

  it('is refused for 429 (a 429 says the request was not processed)', () => {
    expect(() => validateFixture({ ...scenario('ready'), simulation: { faults: [{ match: '*', status: 429, afterProcessing: true }] } })).toThrow(
      /simulation\.faults\[0\]\.status: must be equal to one of the allowed values: 500, 502, 503, 504/,
    );
  });
});
