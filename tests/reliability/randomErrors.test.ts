/** @jest-environment node */
/**
 * Seeded random faults at a rate (the simulator's randomErrors: 429, 500, 502, 503, 504 on reads, Retry-After 0 s
 * here, and short backoffs, so the test is quick) on the paged tenant: the scan ends with the fault-free truth, every page of users read
 * with success exactly once — nothing lost, nothing read twice — and nothing left running.
 */
import { controllerFor, expectSettled, pagedTenant, startTenantWith, type TestTenant } from './support';

/** The production policy's six attempts would do; eight make four failures in a row (0.2^8) practically impossible. */
const PATIENT = { maxAttempts: 8, baseDelayMs: 2, maxDelayMs: 200 };

let tenant: TestTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

describe.each([
  [0.1, 1],
  [0.2, 2],
  [0.2, 3],
])('random errors at rate %s (seed %s)', (rate, seed) => {
  it('the scan finds the same 60 of 176 as without faults, each users page read successfully once', async () => {
    const fixture = pagedTenant([]);
    fixture.simulation = { ...(fixture.simulation ?? {}), randomErrors: { rate, seed, retryAfterSeconds: 0 } };
    tenant = await startTenantWith(fixture, PATIENT);
    const controller = controllerFor(tenant);
    await controller.start();
    expectSettled(controller);
    const result = controller.getState().scan.result;
    expect(result?.considered).toBe(176);
    expect(result?.unprovisioned).toHaveLength(60);
    const log = tenant.sim.log;
    const usersPages = log.filter((e) => e.path.startsWith('/graph/v1.0/users?') && e.status === 200);
    expect(usersPages).toHaveLength(4);
    expect(new Set(usersPages.map((e) => e.path)).size).toBe(4);
    // The faults did happen.
    expect(log.filter((e) => e.status >= 429).length).toBeGreaterThan(0);
  });
});
