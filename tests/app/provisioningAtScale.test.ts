/** @jest-environment node */
import { generateTenant } from '../../demo/generate';
import { controllerFor, scenario, startTenant, type TestTenant } from '../support/tenant';

describe('provisioning over HTTP at scale', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  it('sends 450 addresses as 199 + 199 + 52, each address once, and logs every chunk', async () => {
    const fixture = generateTenant({ users: 800, unprovisioned: 0.7, seed: 7 });
    fixture.sharePoint.provisioningDelayMs = 60000;
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    const rows = controller.getState().rows;
    expect(rows.length).toBeGreaterThanOrEqual(450);
    const emails = rows.slice(0, 450).map((r) => r.user.upn);
    tenant.sim.clearLog();
    await controller.requestProvisioning(emails);

    const state = controller.getState();
    expect(state.request.state?.chunks.map((c) => c.emails.length)).toEqual([199, 199, 52]);
    expect(state.request.state?.chunks.every((c) => c.ok)).toBe(true);
    const sent = state.request.state?.chunks.reduce<string[]>((all, c) => all.concat(c.emails), []) ?? [];
    expect(new Set(sent.map((e) => e.toLowerCase())).size).toBe(450);
    expect(tenant.sim.log.filter((e) => /createpersonalsiteenqueuebulk/i.test(e.path))).toHaveLength(3);
    expect(state.log.entries).toHaveLength(3);
    expect(state.rows.filter((r) => r.status.state === 'requested')).toHaveLength(450);
  });

  it('joins users to personal sites case-insensitively (mixed-case UPNs count as provisioned)', async () => {
    const fixture = scenario('ready');
    const site = fixture.sharePoint.personalSites[0];
    if (!site) {
      throw new Error('a personal site is expected');
    }
    site.owner = site.owner.toUpperCase();
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    expect(controller.getState().rows).toHaveLength(0);
    expect(controller.getState().results.find((r) => r.id === 'users-onedrive')?.status).toBe('pass');
  });

  it('falls back to per-user reads, with a notice, when the admin is not a SharePoint admin', async () => {
    const fixture = scenario('unprovisioned-users');
    // Keep Global admin out of the signed-in user's roles: no tenant admin enumeration.
    fixture.directoryRoleMembers = {};
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    await controller.start();
    const state = controller.getState();
    expect(state.scan.result?.method).toBe('per-user');
    expect(state.scan.result?.methodNotice).toBeTruthy();
    expect(state.rows).toHaveLength(60);
    const usersOneDrive = state.results.find((r) => r.id === 'users-onedrive');
    expect(usersOneDrive?.status).toBe('fail');
    expect(usersOneDrive?.evidence.join(' ')).toContain(state.scan.result?.methodNotice ?? '-');
  });
});
