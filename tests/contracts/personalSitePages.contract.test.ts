/** @jest-environment node */
/**
 * PersonalSitePages (src/provisioning/ports.ts): the tenant-wide personal-site enumeration and the per-user fallback the
 * OneDrive scan relies on. The same assertions run against FakeSites (tests/provisioning/doubles.ts) and the SharePoint
 * / Graph adapter over HTTP.
 */
import type { MySiteMissing } from '../../demo/simulator/types';
import { failure, type Outcome } from '../../src/common/outcome';
import { SHAREPOINT_FULL_CONTROL } from '../../src/common/scopes';
import type { PersonalSitePages } from '../../src/provisioning/ports';
import { fallsBackToPerUser } from '../../src/provisioning/scan/checkpoint';
import type { OneDriveState } from '../../src/readiness/facts';
import { FakeSites, manyUsers, sitesFor } from '../provisioning/doubles';
import { createDirectClients } from '../../src/tenant/clients';
import { TenantPersonalSiteReader } from '../../src/tenant/sharepoint/personalSiteReader';
import { FAST_RETRY, scenario, startTenant } from '../support/tenant';
import { readAllPages, type Subject } from './support';

/** Sites per enumeration page (the simulator's `pageSizes.personalSites`, the fake's page size): 18 sites → 3 pages. */
const PAGE_SIZE = 7;

interface SitesSubject extends Subject {
  sites: PersonalSitePages;
  /** Owners of every personal site, lower case. */
  owners: string[];
  /** Users whose OneDrive exists and reads fine. */
  withSite: string[];
  /** Users without a OneDrive. */
  withoutSite: string[];
  /** A user whose OneDrive exists but whose per-user read fails with a 500 (Graph "Unable to retrieve user's mysite URL."). */
  erroring: string;
  /** From now on, the enumeration answers 503 (after the adapter's retries). */
  unavailable(): void;
}

interface Options {
  /** 'denied': the admin is not a SharePoint admin; 'unreachable': the admin host gives no answer (cross-origin refusal). */
  enumeration?: 'denied' | 'unreachable';
  /** How Graph answers a user without a site (the simulator's `sharePoint.mySiteMissing`). */
  mySiteMissing?: MySiteMissing;
  latencyMs?: number;
}

/** As the adapter reports them (see the adapter row, where they come from real HTTP answers). */
const CSOM_ACCESS_DENIED = failure(403, 'System.UnauthorizedAccessException', 'Access denied. You do not have permission to perform this action or access this resource.', {
  csom: true,
  missingScope: SHAREPOINT_FULL_CONTROL,
});
const NO_ANSWER = failure(0, 'NetworkError', 'fetch failed');
const UNAVAILABLE = failure(503, 'ServiceUnavailable', 'The service is temporarily unavailable.');
const MYSITE_ERROR = failure(500, 'UnknownError', "Unable to retrieve user's mysite URL.");

async function makeFake(options: Options = {}): Promise<SitesSubject> {
  const users = manyUsers(23);
  const provisioned = users.slice(0, 18);
  const fake = new FakeSites(sitesFor(provisioned), PAGE_SIZE, options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {});
  const erroring = (provisioned[5] as (typeof users)[number]).id;
  for (const u of provisioned) {
    fake.provisionedIds.add(u.id);
  }
  fake.innerFaults.set(erroring, MYSITE_ERROR);
  if (options.enumeration === 'denied') {
    fake.source.failAt('', CSOM_ACCESS_DENIED, 10);
  } else if (options.enumeration === 'unreachable') {
    fake.source.failAt('', NO_ANSWER, 10);
  }
  return {
    sites: fake,
    owners: provisioned.map((u) => u.userPrincipalName.toLowerCase()),
    withSite: provisioned.map((u) => u.id).filter((id) => id !== erroring),
    withoutSite: users.slice(18).map((u) => u.id),
    erroring,
    unavailable: () => fake.source.failAt('', UNAVAILABLE, 10),
    close: async () => undefined,
  };
}

async function makeAdapter(options: Options = {}): Promise<SitesSubject> {
  const fixture = scenario('ready');
  // Two licensed members lose their OneDrive, so "without a site" covers members as well as the guest, the disabled
  // and the unlicensed user (who never had one).
  const removed = new Set(['alexw@contoso.onmicrosoft.com', 'meganb@contoso.onmicrosoft.com']);
  fixture.sharePoint.personalSites = fixture.sharePoint.personalSites.filter((s) => !removed.has(s.owner.toLowerCase()));
  const owners = fixture.sharePoint.personalSites.map((s) => s.owner.toLowerCase());
  const withSite = fixture.users.filter((u) => owners.indexOf(u.userPrincipalName.toLowerCase()) >= 0).map((u) => u.id);
  const erroring = withSite[5] as string;
  fixture.sharePoint.mySiteErrors = { [erroring]: 500 };
  if (options.mySiteMissing) {
    fixture.sharePoint.mySiteMissing = options.mySiteMissing;
  }
  if (options.enumeration === 'denied') {
    fixture.directoryRoleMembers = {};
  } else if (options.enumeration === 'unreachable') {
    fixture.sharePoint.adminHost = 'cors-blocked';
  }
  fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { personalSites: PAGE_SIZE }, ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}) };
  const tenant = await startTenant(fixture);
  // The adapter createTenantPorts builds, with FAST_RETRY for its own $batch item retries too (createTenantPorts leaves
  // the reader on the production policy: a 500 item would be retried for 15 s before it is reported).
  const clients = createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'test-token', retry: FAST_RETRY });
  return {
    sites: new TenantPersonalSiteReader(clients.graph, clients.admin, clients.adminUrl, FAST_RETRY),
    owners,
    withSite: withSite.filter((id) => id !== erroring),
    withoutSite: fixture.users.filter((u) => withSite.indexOf(u.id) < 0).map((u) => u.id),
    erroring,
    unavailable: () => tenant.sim.setFaults([{ match: 'POST /_vti_bin/client.svc/ProcessQuery', status: 503, retryAfterSeconds: 0 }]),
    close: () => tenant.close(),
  };
}

/** The ids in an order that mixes the three kinds, as the scan asks (directory order). */
function mixed(s: SitesSubject): string[] {
  const ids: string[] = [];
  const lists = [s.withSite, s.withoutSite, [s.erroring]];
  for (let i = 0; lists.some((l) => i < l.length); i++) {
    for (const list of lists) {
      if (i < list.length) {
        ids.push(list[i] as string);
      }
    }
  }
  return ids;
}

describe.each([
  ['in-memory fake', makeFake],
  ['PnPjs adapter over the simulator', makeAdapter],
])('PersonalSitePages contract: %s', (_name, make) => {
  let subject: SitesSubject | undefined;
  const start = async (options?: Options): Promise<SitesSubject> => {
    subject = await make(options);
    return subject;
  };
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });

  describe('getPersonalSitesPage', () => {
    it('following next from undefined until it is undefined yields every personal site exactly once', async () => {
      const s = await start();
      const pages = await readAllPages((next) => s.sites.getPersonalSitesPage(next));
      const urls = pages.flatMap((p) => p.items.map((site) => site.url));
      expect(pages).toHaveLength(Math.ceil(s.owners.length / PAGE_SIZE));
      expect(new Set(urls).size).toBe(s.owners.length);
      expect(pages.flatMap((p) => p.items.map((site) => site.owner.toLowerCase())).sort()).toEqual(s.owners.slice().sort());
    });

    it('gives the sites in a stable order: two reads give the same sequence', async () => {
      const s = await start();
      const first = (await readAllPages((next) => s.sites.getPersonalSitesPage(next))).flatMap((p) => p.items);
      const second = (await readAllPages((next) => s.sites.getPersonalSitesPage(next))).flatMap((p) => p.items);
      expect(second).toEqual(first);
    });

    it('continues with an opaque, non-empty string on every page but the last, and never tells a total', async () => {
      const s = await start();
      const pages = await readAllPages((next) => s.sites.getPersonalSitesPage(next));
      for (const page of pages.slice(0, -1)) {
        expect(typeof page.next).toBe('string');
        expect((page.next as string).length).toBeGreaterThan(0);
      }
      expect(pages[pages.length - 1]).not.toHaveProperty('next');
      for (const page of pages) {
        expect(page).not.toHaveProperty('totalEstimate');
      }
    });

    it('reports owners as plain addresses (no claims prefix) and sites as absolute personal-site URLs', async () => {
      const s = await start();
      const sites = (await readAllPages((next) => s.sites.getPersonalSitesPage(next))).flatMap((p) => p.items);
      for (const site of sites) {
        expect(site.owner).toMatch(/^[^\s|]+@[^\s|]+\.[^\s|]+$/);
        expect(site.url).toMatch(/^https:\/\/[a-z0-9-]+-my\.sharepoint\.com\/personal\/\S+$/);
      }
    });

    it('answers a continuation SharePoint did not issue with a CSOM failure (csom: true), never an empty last page', async () => {
      const s = await start();
      const page = await s.sites.getPersonalSitesPage('SPSiteQuery,00000000-0000-0000-0000-000000000000,x,y');
      expect(page).toMatchObject({ ok: false, status: 200, csom: true, code: expect.any(String) });
    });

    it('answers "not a SharePoint admin" with a 403 failure marked csom, naming the scope: the scan falls back to per-user reads', async () => {
      const s = await start({ enumeration: 'denied' });
      const page = await s.sites.getPersonalSitesPage();
      expect(page).toMatchObject({ ok: false, status: 403, csom: true, code: 'System.UnauthorizedAccessException', missingScope: SHAREPOINT_FULL_CONTROL });
      expect(fallsBackToPerUser(page as Extract<typeof page, { ok: false }>)).toBe(true);
    });

    it('answers an admin host that gives no answer with a status-0 NetworkError failure: the scan falls back to per-user reads', async () => {
      const s = await start({ enumeration: 'unreachable' });
      const page = await s.sites.getPersonalSitesPage();
      expect(page).toMatchObject({ ok: false, status: 0, code: 'NetworkError' });
      expect(fallsBackToPerUser(page as Extract<typeof page, { ok: false }>)).toBe(true);
    });

    it('answers an unavailable service (503) with a failure that is not csom: the scan stops with a checkpoint instead', async () => {
      const s = await start();
      s.unavailable();
      const page = await s.sites.getPersonalSitesPage();
      expect(page).toMatchObject({ ok: false, status: 503, code: expect.any(String) });
      expect(page).not.toHaveProperty('csom');
      expect(fallsBackToPerUser(page as Extract<typeof page, { ok: false }>)).toBe(false);
    });

    it('ends a read whose signal is aborted with a failure (status 0), not a page', async () => {
      const s = await start();
      const controller = new AbortController();
      controller.abort();
      const page = await s.sites.getPersonalSitesPage(undefined, controller.signal);
      expect(page).toMatchObject({ ok: false, status: 0 });
      expect(page).not.toHaveProperty('value');
    });
  });

  describe('getOneDriveStates', () => {
    async function states(s: SitesSubject, ids: string[]): Promise<Map<string, Outcome<OneDriveState>>> {
      const answer = await s.sites.getOneDriveStates(ids);
      if (!answer.ok) {
        throw new Error(`${answer.status} ${answer.code} ${answer.message}`);
      }
      return answer.value;
    }

    it.each<[MySiteMissing]>([['not-found'], ['null']])('answers one entry per requested id (Graph answers a missing site with %s)', async (mySiteMissing) => {
      const s = await start({ mySiteMissing });
      const ids = mixed(s);
      expect(ids.length).toBeGreaterThan(20); // more than one Graph $batch
      const map = await states(s, ids);
      expect(map).toBeInstanceOf(Map);
      expect([...map.keys()].sort()).toEqual(ids.slice().sort());
    });

    it.each<[MySiteMissing]>([['not-found'], ['null']])('a provisioned user is { provisioned: true, url }; a user without a site is { provisioned: false } (%s)', async (mySiteMissing) => {
      const s = await start({ mySiteMissing });
      const map = await states(s, mixed(s));
      for (const id of s.withSite) {
        const state = map.get(id);
        expect(state).toEqual({ ok: true, value: { provisioned: true, url: expect.stringMatching(/^https:\/\/[a-z0-9-]+-my\.sharepoint\.com\/personal\/\S+$/) } });
      }
      for (const id of s.withoutSite) {
        expect(map.get(id)).toEqual({ ok: true, value: { provisioned: false } });
      }
    });

    it("a user whose read fails (500) is that user's failure, never 'not provisioned', and the others are still answered", async () => {
      const s = await start();
      const map = await states(s, mixed(s));
      expect(map.get(s.erroring)).toMatchObject({ ok: false, status: 500, code: expect.any(String), message: expect.any(String) });
      expect(s.withSite.every((id) => map.get(id)?.ok === true)).toBe(true);
    });

    it('answers no ids with an empty map', async () => {
      const s = await start();
      const answer = await s.sites.getOneDriveStates([]);
      expect(answer.ok).toBe(true);
      expect(answer.ok && answer.value.size).toBe(0);
    });

    it('ends a read whose signal is aborted with a failure (status 0), not a map', async () => {
      const s = await start();
      const controller = new AbortController();
      controller.abort();
      const answer = await s.sites.getOneDriveStates(mixed(s), controller.signal);
      expect(answer).toMatchObject({ ok: false, status: 0 });
      expect(answer).not.toHaveProperty('value');
    });
  });
});
