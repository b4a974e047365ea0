/** @jest-environment node */
/**
 * The partitioned scan (ScanOptions.partitioned) against the tenant simulator: the same result as the single chains on
 * tenants with skewed names, with throttling on, and each user and site counted once.
 */
import { generateTenant } from '../../demo/generate';
import type { TenantFixture } from '../../demo/simulator/types';
import { scanTenant, type ScanOptions, type ScanResult } from '../../src/provisioning/scan';
import type { ScanPorts } from '../../src/provisioning/ports';
import { createDirectClients } from '../../src/tenant/clients';
import { CsomSitePartitions, GraphUserPartitions } from '../../src/tenant/partitionedPages';
import { Gate } from '../../src/provisioning/scan/partitions';
import { FAST_RETRY, startTenant, type TestTenant } from '../support/tenant';

/** Half the users on one letter, digits, apostrophes, non-ASCII display names; sites follow their owners. */
function skewed(users: number, seed: number): TenantFixture {
  const fixture = generateTenant({ users, unprovisioned: 0.3, seed, guests: 0.03, disabled: 0.02, unlicensed: 0.05 });
  const domain = fixture.tenant.initialDomain;
  const renamed = new Map<string, string>();
  fixture.users.forEach((user, i) => {
    if (user.userType === 'Guest') return;
    const old = user.userPrincipalName.toLowerCase();
    const local = old.slice(0, old.indexOf('@'));
    let upn: string;
    if (i % 2 === 0) upn = `m${local}${i}@${domain}`;
    else if (i % 7 === 1) upn = `${i % 10}${local}@${domain}`;
    else if (i % 7 === 3) upn = `o'${local}${i}@${domain}`;
    else if (i % 7 === 5) upn = `${i % 3 === 0 ? '_' : '~'}${local}${i}@${domain}`;
    else upn = `${local.charAt(0).toUpperCase()}${local.slice(1)}${i}@${domain}`;
    renamed.set(old, upn);
    user.userPrincipalName = upn;
    user.mail = upn;
    if (i % 5 === 0) user.displayName = `Łukasz Ørsted-Ñúñez ${i}`;
  });
  for (const site of fixture.sharePoint.personalSites) {
    const upn = renamed.get(site.owner.toLowerCase());
    if (upn === undefined) continue;
    site.owner = upn.toLowerCase();
    site.url = `https://${fixture.tenant.sharePointHost}-my.sharepoint.com/personal/${upn.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
  }
  fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 100, personalSites: 60 } };
  return fixture;
}

function portsOf(tenant: TestTenant): ScanPorts {
  const clients = createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'test-token', retry: FAST_RETRY });
  return {
    directory: tenant.ports.directory,
    sites: tenant.ports.sites,
    partitions: { users: new GraphUserPartitions(clients.graph, clients.graphBaseUrl), sites: new CsomSitePartitions(clients.admin, clients.adminUrl) },
  };
}

/** What must be equal: every count, and the unprovisioned users as a set (their order is the read's). */
function essence(result: ScanResult): unknown {
  return {
    considered: result.considered,
    excluded: result.excluded,
    provisionedCount: result.provisionedCount,
    unprovisioned: result.unprovisioned.map((u) => u.id).sort(),
    undetermined: result.undetermined.map((u) => u.id).sort(),
    provisionedAddresses: result.provisionedAddresses.slice().sort(),
    method: result.method,
  };
}

async function scan(ports: ScanPorts, options: ScanOptions): Promise<ScanResult> {
  const outcome = await scanTenant(ports, options);
  if (outcome.status !== 'done') throw new Error(`scan ${outcome.status}: ${outcome.status === 'failed' ? outcome.failure.code + ' ' + outcome.failure.message : ''}`);
  return outcome.result;
}

jest.setTimeout(60000);

describe('partitioned scan', () => {
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    if (tenant) await tenant.close();
    tenant = undefined;
  });

  it.each([
    [1500, 11],
    [2600, 12],
  ])('equals the single-chain result on a skewed tenant of %i users (seed %i), with throttling on', async (users, seed) => {
    const fixture = skewed(users, seed);
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    tenant.sim.setFaults([
      { match: 'GET /users?', status: 429, rate: 0.15, retryAfterSeconds: 0 },
      { match: 'POST /_vti_bin/client.svc/ProcessQuery', status: 429, rate: 0.15, retryAfterSeconds: 0 },
    ]);
    const before = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: { concurrency: 8, splitAbovePages: 2 } });
    expect(essence(split)).toEqual(essence(single));
    // Throttling was met (list pages only: the per-user confirmation's $batch items are not throttled here).
    expect(tenant.sim.log.slice(before).some((e) => e.status === 429)).toBe(true);
    expect(single.unprovisioned.length).toBeGreaterThan(0);
    // Each user and site is counted once even though split partitions read some pages twice.
    expect(split.considered + split.excluded.guests + split.excluded.disabled + split.excluded.unlicensed).toBe(fixture.users.length);
    // Filters were used, and split further than one character.
    const filtered = tenant.sim.log.filter((e) => /startswith/i.test(decodeURIComponent(e.path)));
    expect(filtered.length).toBeGreaterThan(0);
  });

  it('reads the rest of the single chain when users lie outside every prefix; a site outside every prefix is confirmed per user', async () => {
    const fixture = skewed(600, 13);
    const odd = fixture.sharePoint.personalSites[0]!;
    odd.url = odd.url.replace('/personal/', '/personal/%25odd-');
    const first = fixture.users.find((u) => u.userType === 'Member')!;
    fixture.users.push({ ...first, id: 'outside-1', userPrincipalName: `%weird@${fixture.tenant.initialDomain}`, mail: `%weird@${fixture.tenant.initialDomain}` });
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    const split = await scan(ports, { partitioned: {} });
    expect(essence(split)).toEqual(essence(single));
    expect(split.unprovisioned.map((u) => u.id)).toContain('outside-1');
    expect(split.provisionedAddresses).toContain(odd.owner.toLowerCase());
  });

  it('keeps at most the given number of calls in flight, and a pause holds every call not yet started', async () => {
    const gate = new Gate(3);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const t0 = Date.now();
    gate.pause(80);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        gate.run(async () => {
          started.push(Date.now() - t0);
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setTimeout(r, 10));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(gate.peak).toBe(3);
    expect(Math.min(...started)).toBeGreaterThanOrEqual(70);
  });

  it('is off by default and without partition ports', async () => {
    tenant = await startTenant(skewed(300, 14));
    const ports = portsOf(tenant);
    await scan(ports, {});
    expect(tenant.sim.log.some((e) => /startswith/i.test(decodeURIComponent(e.path)))).toBe(false);
    await scan({ directory: ports.directory, sites: ports.sites }, { partitioned: {} });
    expect(tenant.sim.log.some((e) => /startswith/i.test(decodeURIComponent(e.path)))).toBe(false);
  });
});
