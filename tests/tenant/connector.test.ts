/** @jest-environment node */
import { scenario, startTenant, type TestTenant } from '../support/tenant';

const MOVER_APP_ID = 'd62121f3-e023-4972-b6b0-794190c0fd98';

describe('Graph connector app adapter against the tenant simulator', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  it('finds the connector by display name and by app id, and says when it is absent', async () => {
    tenant = await startTenant(scenario('ready'));
    const byName = await tenant.ports.connector.findConnectorApp({ displayName: 'Office 365 Mover', requiredScopes: [] });
    expect(byName.ok && byName.value?.appId).toBe(MOVER_APP_ID);
    const byId = await tenant.ports.connector.findConnectorApp({ appId: MOVER_APP_ID, displayName: 'ignored', requiredScopes: [] });
    expect(byId.ok && byId.value?.displayName).toBe('Office 365 Mover');
    const absent = await tenant.ports.connector.findConnectorApp({ displayName: "O'Neil's Mover", requiredScopes: [] });
    expect(absent).toEqual({ ok: true, value: undefined });
  });

  it('reads the grants with their resource named, and who is assigned', async () => {
    tenant = await startTenant(scenario('ready'));
    const app = await tenant.ports.connector.findConnectorApp({ displayName: 'Office 365 Mover', requiredScopes: [] });
    if (!app.ok || !app.value) {
      throw new Error('connector app expected');
    }
    const grants = await tenant.ports.connector.getPermissionGrants(app.value.servicePrincipalId);
    expect(grants.ok).toBe(true);
    const resources = grants.ok ? grants.value.map((g) => g.resourceDisplayName).sort() : [];
    expect(resources).toEqual(expect.arrayContaining(['Microsoft Graph', 'Office 365 SharePoint Online']));
    expect(grants.ok && grants.value.every((g) => g.consentType === 'AllPrincipals')).toBe(true);
    const assignments = await tenant.ports.connector.getAssignments(app.value.servicePrincipalId);
    expect(assignments.ok && assignments.value.length).toBeGreaterThan(0);
  });

  it('sees per-user (Principal) grants as such', async () => {
    tenant = await startTenant(scenario('no-admin-consent'));
    const app = await tenant.ports.connector.findConnectorApp({ displayName: 'Office 365 Mover', requiredScopes: [] });
    const grants = app.ok && app.value ? await tenant.ports.connector.getPermissionGrants(app.value.servicePrincipalId) : undefined;
    expect(grants?.ok && grants.value.length).toBeGreaterThan(0);
    expect(grants?.ok && grants.value.every((g) => g.consentType === 'Principal')).toBe(true);
  });

  it('reports a throttled grant read that never recovers as 429 with its Retry-After', async () => {
    tenant = await startTenant(scenario('ready'));
    tenant.sim.setFaults([{ match: 'GET /oauth2PermissionGrants', status: 429, retryAfterSeconds: 0 }]);
    const grants = await tenant.ports.connector.getPermissionGrants('any');
    expect(grants).toMatchObject({ ok: false, status: 429 });
  });

  it('reports an unknown service principal as 404 with the service message', async () => {
    tenant = await startTenant(scenario('ready'));
    const assignments = await tenant.ports.connector.getAssignments('00000000-0000-0000-0000-000000000000');
    expect(assignments).toMatchObject({ ok: false, status: 404 });
    expect(assignments.ok === false && assignments.code).toMatch(/ResourceNotFound/);
  });
});
