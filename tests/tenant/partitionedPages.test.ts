/** @jest-environment node */
import { generateTenant } from '../../demo/generate';
import { createDirectClients } from '../../src/tenant/clients';
import { CsomSitePartitions, GraphUserPartitions, personalUrlFilter, upnPrefixFilter } from '../../src/tenant/partitionedPages';
import { FAST_RETRY, startTenant, type TestTenant } from '../support/tenant';
import type { DirectoryUser, PersonalSite } from '../../src/provisioning/ports';

interface Readers {
  users: GraphUserPartitions;
  sites: CsomSitePartitions;
}

function readersOf(tenant: TestTenant): Readers {
  const clients = createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'test-token', retry: FAST_RETRY });
  return { users: new GraphUserPartitions(clients.graph, clients.graphBaseUrl), sites: new CsomSitePartitions(clients.admin, clients.adminUrl) };
}

async function usersWith(readers: Readers, prefix: string): Promise<{ users: DirectoryUser[]; total?: number }> {
  const users: DirectoryUser[] = [];
  let next: string | undefined;
  let total: number | undefined;
  do {
    const page = await readers.users.getUsersPageWithPrefix(prefix, next);
    if (!page.ok) throw new Error(`${page.status} ${page.code} ${page.message}`);
    if (next === undefined) total = page.value.totalEstimate;
    users.push(...page.value.items);
    next = page.value.next;
  } while (next);
  return { users, ...(total !== undefined ? { total } : {}) };
}

async function sitesWith(readers: Readers, prefix: string): Promise<PersonalSite[]> {
  const sites: PersonalSite[] = [];
  let next: string | undefined;
  do {
    const page = await readers.sites.getPersonalSitesPageWithPrefix(prefix, next);
    if (!page.ok) throw new Error(`${page.status} ${page.code} ${page.message}`);
    sites.push(...page.value.items);
    next = page.value.next;
  } while (next);
  return sites;
}

describe('partitioned reads against the tenant simulator', () => {
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    if (tenant) await tenant.close();
    tenant = undefined;
  });

  it('quotes the prefixes: OData doubles a quote, the CSOM filter is a personal-URL substring', () => {
    expect(upnPrefixFilter("o'")).toBe("startsWith(userPrincipalName,'o''')");
    expect(personalUrlFilter('a')).toBe("Url -like '-my.sharepoint.com/personal/a'");
  });

  it('lists every user and every personal site exactly once over the prefixes, with each partition counted on its first page', async () => {
    const fixture = generateTenant({ users: 3000, unprovisioned: 0.3, seed: 4 });
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { personalSites: 100, users: 200 } };
    tenant = await startTenant(fixture);
    const readers = readersOf(tenant);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789_'.split('');
    const userIds: string[] = [];
    for (const prefix of 'abcdefghijklmnopqrstuvwxyz0123456789\'.-_!#^~'.split('')) {
      const read = await usersWith(readers, prefix);
      expect(read.total).toBe(read.users.length);
      for (const user of read.users) {
        expect(user.userPrincipalName.toLowerCase().startsWith(prefix)).toBe(true);
        userIds.push(user.id);
      }
    }
    expect(userIds.sort()).toEqual(fixture.users.map((u) => u.id).sort());
    const urls: string[] = [];
    for (const prefix of alphabet) {
      urls.push(...(await sitesWith(readers, prefix)).map((s) => s.url));
    }
    expect(urls.sort()).toEqual(tenant!.sim.state.personalSitesInDefaultGeo().map((s) => s.url).sort());
    const filtered = tenant!.sim.log.filter((e) => /processquery/i.test(e.path));
    expect(filtered.every((e) => e.status === 200)).toBe(true);
  });

  it('splits further with a longer prefix, and an apostrophe in a prefix is read', async () => {
    const fixture = generateTenant({ users: 400, unprovisioned: 0.2, seed: 5 });
    const first = fixture.users[0]!;
    fixture.users.push({ ...first, id: 'apostrophe-1', userPrincipalName: `o'brien@${fixture.tenant.initialDomain}`, mail: `o'brien@${fixture.tenant.initialDomain}` });
    tenant = await startTenant(fixture);
    const readers = readersOf(tenant);
    const quoted = await usersWith(readers, "o'");
    expect(quoted.users.map((u) => u.id)).toEqual(['apostrophe-1']);
    const whole = await usersWith(readers, 'a');
    let parts = 0;
    for (const second of 'abcdefghijklmnopqrstuvwxyz0123456789\'.-_!#^~'.split('')) {
      parts += (await usersWith(readers, 'a' + second)).users.length;
    }
    const bare = whole.users.filter((u) => u.userPrincipalName.length > 0 && u.userPrincipalName.charAt(1) === '@').length;
    expect(parts + bare).toBe(whole.users.length);
  });

  it('refuses a site prefix that would need quoting, without a request', async () => {
    tenant = await startTenant(generateTenant({ users: 50, unprovisioned: 0.2, seed: 6 }));
    const before = tenant!.sim.log.length;
    const page = await readersOf(tenant).sites.getPersonalSitesPageWithPrefix("a'b");
    expect(page).toMatchObject({ ok: false, code: 'InvalidPartition' });
    expect(tenant!.sim.log.length).toBe(before);
  });
});
