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
    const byName = await tenant.ports.connector.findConnectorApps({ displayName: 'Office 365 Mover', requiredScopes: [] });
    expect(byName.ok && byName.value.map((a) => a.appId)).toEqual([MOVER_APP_ID]);
    const byId = await tenant.ports.connector.findConnectorApps({ appId: MOVER_APP_ID, displayName: 'ignored', requiredScopes: [] });
    expect(byId.ok && byId.value.map((a) => a.displayName)).toEqual(['Office 365 Mover']);
    const absent = await tenant.ports.connector.findConnectorApps({ displayName: "O'Neil's Mover", requiredScopes: [] });
    expect(absent).toEqual({ ok: true, value: [] });
  });

  it('returns every service principal with the display name: names are not unique in Entra', async () => {
    const fixture = scenario('ready');
    const original = fixture.servicePrincipals.find((sp) => sp.displayName === 'Office 365 Mover');
    if (!original) {
      throw new Error('the connector is expected in the ready scenario');
    }
    fixture.servicePrincipals.push({
      ...original,
      id: '7b1f0d0e-5f55-4c44-9a55-0a1b2c3d4e5f',
      appId: '0f0e0d0c-0b0a-4909-8807-060504030201',
      appOwnerOrganizationId: '11111111-2222-3333-4444-555555555555',
      publisherName: 'Contoso Labs',
    });
    tenant = await startTenant(fixture);
    const found = await tenant.ports.connector.findConnectorApps({ displayName: 'Office 365 Mover', requiredScopes: [] });
    expect(found.ok && found.value.map((a) => a.appId).sort()).toEqual(['0f0e0d0c-0b0a-4909-8807-060504030201', MOVER_APP_ID].sort());
    const stale = found.ok ? found.value.find((a) => a.appId !== MOVER_APP_ID) : undefined;
    expect(stale).toMatchObject({ ownerTenantId: '11111111-2222-3333-4444-555555555555', publisher: 'Contoso Labs' });
  });

  it('reads the grants with their resource named, and who is assigned', async () => {
    tenant = await startTenant(scenario('ready'));
    const apps = await tenant.ports.connector.findConnectorApps({ displayName: 'Office 365 Mover', requiredScopes: [] });
    const app = apps.ok ? apps.value[0] : undefined;
    if (!app) {
      throw new Error('connector app expected');
    }
    const grants = await tenant.ports.connector.getPermissionGrants(app.servicePrincipalId);
    expect(grants.ok).toBe(true);
    const resources = grants.ok ? grants.value.map((g) => g.resourceDisplayName).sort() : [];
    expect(resources).toEqual(expect.arrayContaining(['Microsoft Graph', 'Office 365 SharePoint Online']));
    expect(grants.ok && grants.value.every((g) => g.consentType === 'AllPrincipals')).toBe(true);
    const assignments = await tenant.ports.connector.getAssignments(app.servicePrincipalId);
    expect(assignments.ok && assignments.value.length).toBeGreaterThan(0);
  });

  it('sees per-user (Principal) grants as such', async () => {
    tenant = await startTenant(scenario('no-admin-consent'));
    const apps = await tenant.ports.connector.findConnectorApps({ displayName: 'Office 365 Mover', requiredScopes: [] });
    const app = apps.ok ? apps.value[0] : undefined;
    const grants = app ? await tenant.ports.connector.getPermissionGrants(app.servicePrincipalId) : undefined;
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
