/** @jest-environment node */
/**
 * A 5xx after the work was done (the simulator's afterProcessing fault): the provisioning request is a write, so the
 * transport does not send it again — a retry would enqueue the same addresses twice. The chunk shows as failed with
 * the service's answer (the admin decides to retry), and the simulator holds the addresses as enqueued exactly once.
 */
import { controllerFor, expectSettled, scenario, startTenant, type TestTenant } from './support';

let tenant: TestTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

describe('a write answered 5xx after it was processed', () => {
  it.each([500, 502, 503, 504] as const)('HTTP %s: sent once, not retried by the transport, shown as failed', async (status) => {
    const fixture = scenario('unprovisioned-users');
    fixture.sharePoint.provisioningDelayMs = 600000;
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    const emails = controller.getState().rows.slice(0, 20).map((r) => r.user.upn);
    tenant.sim.setFaults([{ match: 'POST /_api/SP.UserProfiles', status, afterProcessing: true, times: 1 }]);
    tenant.sim.clearLog();
    await controller.requestProvisioning(emails);
    expectSettled(controller);

    const enqueues = tenant.sim.log.filter((e) => /createpersonalsiteenqueuebulk/i.test(e.path));
    expect(enqueues.map((e) => e.status)).toEqual([status]);
    // Processed: every address is pending in the tenant, once.
    expect(emails.every((e) => tenant!.sim.state.pending.has(e.toLowerCase()))).toBe(true);
    const chunk = controller.getState().request.state?.chunks[0];
    expect(chunk?.ok).toBe(false);
    expect(chunk?.attempts).toBe(1);
    expect(chunk?.failure?.status).toBe(status);
  });

  it('a 429 says "not processed": that one is sent again after the wait, and succeeds', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    const controller = controllerFor(tenant);
    await controller.start();
    const emails = controller.getState().rows.slice(0, 5).map((r) => r.user.upn);
    tenant.sim.setFaults([{ match: 'POST /_api/SP.UserProfiles', status: 429, retryAfterSeconds: 1, times: 1 }]);
    tenant.sim.clearLog();
    await controller.requestProvisioning(emails);
    const enqueues = tenant.sim.log.filter((e) => /createpersonalsiteenqueuebulk/i.test(e.path));
    expect(enqueues.map((e) => e.status)).toEqual([429, 200]);
    expect(controller.getState().request.state?.chunks[0]?.ok).toBe(true);
  });
});
