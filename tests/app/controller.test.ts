/** @jest-environment node */
import { controllerFor, scenario, startTenant, type TestTenant } from '../support/tenant';

describe('ReadinessController (real adapters, tenant simulator)', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  it('requests provisioning in chunks, logs it, and a re-check turns requested users into provisioned', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.sharePoint.provisioningDelayMs = 0;
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    const before = controller.getState();
    expect(before.rows.length).toBe(60);
    expect(before.results.find((r) => r.id === 'users-onedrive')?.status).toBe('fail');

    const emails = before.rows.slice(0, 10).map((r) => r.user.upn);
    await controller.requestProvisioning(emails);
    const requested = controller.getState();
    expect(requested.request.state?.chunks.every((c) => c.ok)).toBe(true);
    expect(requested.log.entries).toHaveLength(1);
    expect(requested.rows.filter((r) => r.status.state === 'requested')).toHaveLength(10);

    await controller.rescan();
    const after = controller.getState();
    expect(after.rows).toHaveLength(50);
    expect(after.rows.every((r) => r.status.state === 'not-provisioned')).toBe(true);
  });

  it('keeps a failed chunk visible and retries only that chunk', async () => {
    const fixture = scenario('unprovisioned-users');
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    const emails = controller.getState().rows.map((r) => r.user.upn);
    // 60 addresses are one chunk; the first attempt meets a 503 on the first path. A write that met a 5xx is neither
    // retried at once (it may have been processed) nor sent down another path: the chunk fails, visibly.
    tenant.sim.setFaults([{ match: 'POST /sp/sites/migration/_api/SP.UserProfiles', status: 503, times: 1 }]);
    await controller.requestProvisioning(emails);
    const failed = controller.getState().request.state;
    expect(failed?.chunks[0]?.ok).toBe(false);
    expect(failed?.chunks[0]?.failure?.status).toBe(503);

    await controller.retryFailed();
    const retried = controller.getState().request.state;
    expect(retried?.chunks.every((c) => c.ok)).toBe(true);
    const enqueueCalls = tenant.sim.log.filter((e) => /createpersonalsiteenqueuebulk/i.test(e.path));
    expect(enqueueCalls).toHaveLength(2);
  });

  it('shows a scan interrupted by a failure as failed with its reason, and resumes without re-reading pages', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { personalSites: 20 } };
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    tenant.sim.setFaults([{ match: 'POST /sp-admin/_vti_bin', status: 500, rate: 1 }]);
    await controller.start();
    const failed = controller.getState();
    expect(failed.scan.failure?.status).toBe(500);
    expect(failed.results.find((r) => r.id === 'users-onedrive')?.status).toBe('unknown');

    tenant.sim.setFaults([]);
    tenant.sim.clearLog();
    await controller.resumeScan();
    const resumed = controller.getState();
    expect(resumed.scan.result?.unprovisioned).toHaveLength(60);
    expect(tenant.sim.log.filter((e) => e.path.indexOf('/users?') >= 0 || e.path.indexOf('skiptoken') >= 0)).toHaveLength(0);
  });
});
