/** @jest-environment node */
/**
 * The partitioned scan and the services' limits, at the simulator boundary: within Graph's 8,000 units per 10 s at the
 * default concurrency (no 429, and the simulator's window counted the scan's requests), and one 429 pauses every
 * chain — Graph's and SharePoint's — for its Retry-After, even when the transport retries it by itself.
 */
import { generateTenant } from '../../demo/generate';
import type { TenantFixture } from '../../demo/simulator/types';
import { scanTenant, type ScanOptions, type ScanResult } from '../../src/provisioning/scan';
import type { ScanPorts } from '../../src/provisioning/ports';
import type { PartitionPorts } from '../../src/provisioning/scan/partitionedChains';
import { createDirectClients } from '../../src/tenant/clients';
import { CsomSitePartitions, GraphUserPartitions } from '../../src/tenant/partitionedPages';
import { FAST_RETRY, startTenant, type TestTenant } from '../support/tenant';

function tenantOf(users: number, seed: number): TenantFixture {
  const fixture = generateTenant({ users, unprovisioned: 0.3, seed });
  // Small pages: many requests, many chains side by side.
  fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 100, personalSites: 60 } };
  return fixture;
}

function portsOf(tenant: TestTenant): ScanPorts {
  const clients = createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'test-token', retry: FAST_RETRY });
  const partitions: PartitionPorts = {
    users: new GraphUserPartitions(clients.graph, clients.graphBaseUrl),
    sites: new CsomSitePartitions(clients.admin, clients.adminUrl),
    waits: clients.waits,
  };
  return { directory: tenant.ports.directory, sites: tenant.ports.sites, partitions };
}

async function scan(ports: ScanPorts, options: ScanOptions): Promise<ScanResult> {
  const outcome = await scanTenant(ports, options);
  if (outcome.status !== 'done') throw new Error(`scan ${outcome.status}: ${outcome.status === 'failed' ? outcome.failure.code + ' ' + outcome.failure.message : ''}`);
  return outcome.result;
}

function unprovisionedIds(result: ScanResult): string[] {
  return result.unprovisioned.map((u) => u.id).sort();
}

jest.setTimeout(60000);

describe('partitioned scan within the services limits', () => {
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    if (tenant) await tenant.close();
    tenant = undefined;
  });

  it("meets no 429 under Graph's 8,000 units per 10 s at the default concurrency, and the window counted the scan", async () => {
    const fixture = tenantOf(4000, 21);
    fixture.simulation = { ...(fixture.simulation ?? {}), rateLimit: { graph: { units: 8000, windowSeconds: 10 } } };
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const before = tenant.sim.log.length;
    const result = await scan(ports, { partitioned: {} });
    const asked = tenant.sim.log.slice(before);
    expect(asked.filter((e) => e.status === 429)).toEqual([]);
    const graphUnits = asked.filter((e) => e.path.startsWith('/graph/')).length;
    expect(graphUnits).toBeGreaterThan(40);
    // The limit was on: the window's remaining units are the limit less what the scan spent (and this request).
    const probe = await fetch(`${tenant.sim.graphBaseUrl}/users?$select=id&$top=1`, { headers: { Authorization: 'Bearer test-token' } });
    expect(probe.status).toBe(200);
    const remaining = Number(probe.headers.get('RateLimit-Remaining'));
    expect(remaining).toBeLessThanOrEqual(8000 - graphUnits - 1);
    expect(remaining).toBeGreaterThan(0);
    expect(unprovisionedIds(result)).toEqual(unprovisionedIds(await scan(ports, {})));
  });

  it('pauses every chain, Graph and SharePoint, for the Retry-After of a 429 the transport retries by itself', async () => {
    tenant = await startTenant(tenantOf(3000, 22));
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    // The first personal-sites page the scan asks is throttled once, with Retry-After: 1 s: the transport waits it out
    // and asks again by itself, holding one place of the gate; the users chains would go on without a shared pause.
    tenant.sim.setFaults([{ match: 'POST /_vti_bin/client.svc/ProcessQuery', status: 429, retryAfterSeconds: 1, times: 1 }]);
    const before = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: {} });
    expect(unprovisionedIds(split)).toEqual(unprovisionedIds(single));
    const asked = tenant.sim.log.slice(before);
    const throttled = asked.filter((e) => e.status === 429);
    // The throttled answer, and those for requests already on their way (the service holds the whole workload for the
    // Retry-After); no 429 after them: nothing came back before the Retry-After had passed.
    expect(throttled.length).toBeGreaterThan(0);
    const at = throttled[0]!.at;
    expect(throttled.every((e) => e.at < at + 250)).toBe(true);
    // After those, nothing at all — no Graph, no SharePoint request — until the Retry-After has passed.
    const during = asked.filter((e) => e.at > at + 250 && e.at < at + 900);
    expect(during).toEqual([]);
    const after = asked.filter((e) => e.at >= at + 1000);
    expect(after.some((e) => e.path.startsWith('/graph/'))).toBe(true);
    expect(after.some((e) => /processquery/i.test(e.path))).toBe(true);
  });
});
