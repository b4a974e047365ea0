/**
 * Reliability tests: the real adapters (PnPjs) and the real controller against the tenant simulator bent by its fault
 * model (paging faults, fault rules). The boundary is HTTP; nothing is mocked. Also records every URL the product asks
 * fetch for, so a test can prove no request went to another origin.
 */
import { startSimulator, type PagingFault, type TenantFixture } from '../../demo/simulator';
import type { ReadinessController } from '../../src/app/controller';
import type { CheckResult } from '../../src/readiness/check';
import { createDirectClients } from '../../src/tenant/clients';
import type { RetryPolicy } from '../../src/tenant/http/retryPolicy';
import { createTenantPorts } from '../../src/tenant/tenantPorts';
import { MemoryStorage, scenario, type TestTenant } from '../support/tenant';

export { controllerFor, FAST_RETRY, scenario, startTenant, type TestTenant } from '../support/tenant';

/**
 * `unprovisioned-users` (200 users, 176 considered, 60 without a OneDrive, 116 sites) paged small: users and sites
 * 50 a page (users pages 1–4, sites pages 1–3), grants one a page; with the given paging faults.
 */
export function pagedTenant(faults: PagingFault[], name = 'unprovisioned-users'): TenantFixture {
  const fixture = scenario(name);
  fixture.simulation = {
    ...(fixture.simulation ?? {}),
    pageSizes: { personalSites: 50, users: 50, oauth2PermissionGrants: 1 },
    pagingFaults: faults,
  };
  return fixture;
}

/** As startTenant, with a retry policy of the test's own (same logic, other attempts and waits). */
export async function startTenantWith(fixture: TenantFixture, retry: RetryPolicy): Promise<TestTenant> {
  const sim = await startSimulator({ fixture, port: 0 });
  const storage = new MemoryStorage();
  const clients = createDirectClients({ graphBaseUrl: sim.graphBaseUrl, siteUrl: sim.siteUrl, adminUrl: sim.spAdminUrl, token: 'test-token', retry });
  return { sim, ports: createTenantPorts(clients, storage), storage, close: () => sim.close() };
}

/** Every URL given to fetch while `run` runs (the product's PnPjs clients call the global fetch). */
export async function recordingFetch<T>(run: () => Promise<T>): Promise<{ result: T; urls: string[] }> {
  const urls: string[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    urls.push(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
    return original(input, init);
  }) as typeof fetch;
  try {
    return { result: await run(), urls };
  } finally {
    globalThis.fetch = original;
  }
}

export function originsOf(urls: readonly string[]): string[] {
  return Array.from(new Set(urls.map((u) => new URL(u).origin))).sort();
}

export function check(controller: ReadinessController, id: string): CheckResult {
  const result = controller.getState().results.find((r) => r.id === id);
  if (!result) throw new Error(`no result for ${id}`);
  return result;
}

/** Nothing is left running: no gathering, no scan, no request, no check shown as running. */
export function expectSettled(controller: ReadinessController): void {
  const state = controller.getState();
  expect(state.gathering).toBe(false);
  expect(state.scan.running).toBe(false);
  expect(state.request.running).toBe(false);
  expect(state.results).toHaveLength(9);
  expect(state.results.filter((r) => r.running === true).map((r) => r.id)).toEqual([]);
}
