/**
 * The call paths end to end (real adapters, tenant simulator over HTTP) and what the connection report says of them.
 * @jest-environment node
 */
import { connectionReport, type PathReport } from '../../src/app/connectionReport';
import type { AppState } from '../../src/app/state';
import { controllerFor, scenario, startTenant, type TestTenant } from '../support/tenant';

function row(state: AppState, path: PathReport['path']): PathReport {
  const found = connectionReport(state, state.hosts).find((r) => r.path === path);
  if (!found) {
    throw new Error(`no ${path} row`);
  }
  return found;
}

describe('call paths and the connection report', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  async function unprovisionedWith(adminHost: 'ok' | 'cors-blocked' | 'unauthorized'): Promise<AppState> {
    const fixture = scenario('unprovisioned-users');
    fixture.sharePoint.adminHost = adminHost;
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    const state = controller.getState();
    await tenant.close();
    return state;
  }

  it('finds the same unprovisioned users through the per-user fallback when the admin host refuses (401) or does not answer (CORS)', async () => {
    const ok = await unprovisionedWith('ok');
    expect(ok.scan.result?.method).toBe('tenant-admin');
    expect(row(ok, 'admin-enumeration')).toMatchObject({ outcome: 'ok' });
    const okCount = ok.scan.result?.unprovisioned.length;
    expect(okCount).toBe(60);

    const unauthorized = await unprovisionedWith('unauthorized');
    expect(unauthorized.scan.result?.method).toBe('per-user');
    expect(unauthorized.scan.result?.unprovisioned.map((u) => u.upn).sort()).toEqual(ok.scan.result?.unprovisioned.map((u) => u.upn).sort());
    expect(row(unauthorized, 'admin-enumeration')).toMatchObject({ outcome: 'fallback', fallback: 'per-user-graph', answer: { status: 401 } });
    expect(row(unauthorized, 'admin-enumeration').answer?.correlationId).toMatch(/\S{8,}/);

    const blocked = await unprovisionedWith('cors-blocked');
    expect(blocked.scan.result?.method).toBe('per-user');
    expect(blocked.scan.result?.unprovisioned).toHaveLength(60);
    expect(row(blocked, 'admin-enumeration')).toMatchObject({ outcome: 'fallback', answer: { status: 0, code: 'NetworkError' } });
    expect(blocked.results.find((r) => r.id === 'users-onedrive')?.evidence.join('\n')).toMatch(/did not answer/);
    // Graph and the hosting site worked all along.
    expect(row(blocked, 'graph').outcome).toBe('ok');
    expect(row(blocked, 'site').outcome).toBe('ok');
    expect(row(blocked, 'provisioning').outcome).toBe('not-tried');
  });

  it('licensing read from the licences; from the assigned plans when a SharePoint subscription is in Warning or subscribedSkus is refused — the graph row says which, and the users found are the same', async () => {
    const run = async (bend: (fixture: ReturnType<typeof scenario>) => void, refuseSkus = false): Promise<AppState> => {
      const fixture = scenario('unprovisioned-users');
      bend(fixture);
      tenant = await startTenant(fixture);
      if (refuseSkus) tenant.sim.setFaults([{ match: 'GET /subscribedSkus', status: 403 }]);
      const controller = controllerFor(tenant);
      await controller.start();
      const state = controller.getState();
      await tenant.close();
      return state;
    };
    const plain = await run(() => undefined);
    expect(plain.scan.result?.licenseReading).toEqual({ source: 'licences', unknownSkuUsers: 0 });
    expect(row(plain, 'graph')).toMatchObject({ outcome: 'ok' });
    const upns = plain.scan.result?.unprovisioned.map((u) => u.upn).sort();
    expect(upns).toHaveLength(60);

    const warning = await run((fixture) => {
      for (const sku of fixture.subscribedSkus) if (sku.skuPartNumber === 'ENTERPRISEPACK') sku.capabilityStatus = 'Warning';
    });
    expect(warning.scan.result?.licenseReading).toMatchObject({ source: 'plans', why: 'sku-not-plain', skus: ['ENTERPRISEPACK (Warning)'] });
    expect(row(warning, 'graph')).toMatchObject({ outcome: 'fallback', fallback: 'assigned-plans', answer: { code: 'SubscriptionNotEnabled', message: 'subscribedSkus: ENTERPRISEPACK (Warning)' } });
    expect(warning.scan.result?.unprovisioned.map((u) => u.upn).sort()).toEqual(upns);

    const refused = await run(() => undefined, true);
    expect(refused.scan.result?.licenseReading).toMatchObject({ source: 'plans', why: 'skus-unreadable' });
    // The readiness checks read subscribedSkus too: the refusal fails the graph path, which says so first.
    expect(row(refused, 'graph').answer?.status).toBe(403);
    expect(refused.scan.result?.unprovisioned.map((u) => u.upn).sort()).toEqual(upns);
  });

  it('takes the hosting-site session first; when it is refused (bearer token refused), the admin host; the report says which', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.sharePoint.provisioningDelayMs = 0;
    tenant = await startTenant(fixture);
    tenant.sim.setFaults([{ match: 'POST /sp/sites/migration/_api/SP.UserProfiles', status: 403 }]);
    const controller = controllerFor(tenant);
    await controller.start();
    const emails = controller.getState().rows.slice(0, 5).map((r) => r.user.upn);
    await controller.requestProvisioning(emails);
    const state = controller.getState();
    expect(state.request.state?.chunks.every((c) => c.ok)).toBe(true);
    expect(row(state, 'provisioning')).toMatchObject({ outcome: 'fallback', tried: 'enqueue-site-session', fallback: 'admin-token', answer: { status: 403 } });
    const enqueues = tenant.sim.log.filter((e) => /createpersonalsiteenqueuebulk/i.test(e.path)).map((e) => `${e.status} ${e.path.split('/_api/')[0]}`);
    expect(enqueues).toEqual(['403 /sp/sites/migration', '200 /sp-admin']);
  });

  it('says provisioning failed and points to the script when every in-browser path refuses', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.sharePoint.enqueueBehaviour = 'bearer-refused';
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    await controller.requestProvisioning(controller.getState().rows.slice(0, 3).map((r) => r.user.upn));
    const state = controller.getState();
    expect(state.request.state?.chunks[0]?.ok).toBe(false);
    expect(row(state, 'provisioning')).toMatchObject({ outcome: 'failed', fallback: 'powershell-script', answer: { status: 403 } });
  });

  it('an accepted request is "requested", never "provisioned": with the service ignoring it, users stay pending', async () => {
    const fixture = scenario('enqueue-ignored');
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    const emails = controller.getState().rows.map((r) => r.user.upn);
    expect(emails.length).toBeGreaterThan(0);
    await controller.requestProvisioning(emails);
    await controller.rescan();
    const state = controller.getState();
    expect(row(state, 'provisioning').outcome).toBe('ok');
    expect(state.rows.every((r) => r.status.state === 'requested')).toBe(true);
    expect(state.results.find((r) => r.id === 'users-onedrive')?.status).toBe('warn');
  });
});
