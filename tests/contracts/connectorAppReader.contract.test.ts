/** @jest-environment node */
/**
 * ConnectorAppReader (src/app/ports.ts): there is no in-memory fake; the domain's tests build ConnectorApp,
 * PermissionGrant and AppAssignment values with tests/readiness/factsBuilder.ts. The contract: the Graph adapter, over
 * HTTP for the `ready` scenario, answers values of exactly the shape the builder gives the checks.
 */
import type { Outcome } from '../../src/common/outcome';
import type { ConnectorApp } from '../../src/readiness/facts';
import { APP_ID, assignment, connectorApp, grant, GRAPH_APP_ID, SPO_APP_ID } from '../readiness/factsBuilder';
import { moverSettings, scenario, startTenant, type TestTenant } from '../support/tenant';
import { shapeOf } from './support';

function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) {
    throw new Error(`${outcome.status} ${outcome.code} ${outcome.message}`);
  }
  return outcome.value;
}

describe('ConnectorAppReader contract: PnPjs adapter over the simulator (shapes of the facts builder)', () => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await startTenant(scenario('ready'));
  });
  afterEach(async () => {
    await tenant.close();
  });

  async function mover(): Promise<ConnectorApp> {
    const apps = valueOf(await tenant.ports.connector.findConnectorApps(moverSettings()));
    expect(apps).toHaveLength(1);
    return apps[0] as ConnectorApp;
  }

  it('findConnectorApps by display name: ConnectorApps with the builder’s keys and types (its default app leaves out owner and publisher)', async () => {
    const app = await mover();
    // The builder's default app has none of the optional ownerTenantId / publisher, which the adapter gives for the
    // ready tenant's app (Graph's appOwnerOrganizationId / publisherName): the builder produces them only when asked.
    expect(shapeOf(connectorApp())).toEqual({ appId: 'string', appRoleAssignmentRequired: 'boolean', displayName: 'string', servicePrincipalId: 'string' });
    expect(shapeOf(app)).toEqual(shapeOf(connectorApp({ ownerTenantId: 'tenant-id', publisher: 'Publisher' })));
    expect(app.appId).toBe(APP_ID);
  });

  it('findConnectorApps by app id: the same app, the same shape', async () => {
    const byName = await mover();
    const byId = valueOf(await tenant.ports.connector.findConnectorApps({ ...moverSettings(), appId: APP_ID }));
    expect(byId).toEqual([byName]);
  });

  it('findConnectorApps for an app that is not there: [] (not a failure)', async () => {
    expect(await tenant.ports.connector.findConnectorApps({ ...moverSettings(), displayName: 'No Such App' })).toEqual({ ok: true, value: [] });
  });

  it('getPermissionGrants: PermissionGrants with the builder’s keys and types, resources resolved to the builder’s names and app ids', async () => {
    const app = await mover();
    const grants = valueOf(await tenant.ports.connector.getPermissionGrants(app.servicePrincipalId));
    expect(grants.length).toBeGreaterThan(0);
    const builtGraph = grant('AllPrincipals', 'graph', ['User.Read']);
    const builtSpo = grant('AllPrincipals', 'spo', ['AllSites.Manage']);
    for (const g of grants) {
      expect(g.consentType).toBe('AllPrincipals');
      expect(shapeOf(g)).toEqual(shapeOf(builtGraph));
      const built = g.resourceAppId === GRAPH_APP_ID ? builtGraph : builtSpo;
      expect(g.resourceAppId).toBe(built.resourceAppId);
      expect(g.resourceDisplayName).toBe(built.resourceDisplayName);
    }
    expect(grants.map((g) => g.resourceAppId).sort()).toEqual([GRAPH_APP_ID, SPO_APP_ID].sort());
    expect(grants.find((g) => g.resourceAppId === SPO_APP_ID)?.scopes).toEqual(['AllSites.Manage']);
  });

  it('getPermissionGrants: a Principal grant carries principalId, as the builder’s does', async () => {
    const fixture = scenario('no-admin-consent');
    await tenant.close();
    tenant = await startTenant(fixture);
    const app = await mover();
    const grants = valueOf(await tenant.ports.connector.getPermissionGrants(app.servicePrincipalId));
    const principal = grants.filter((g) => g.consentType === 'Principal');
    expect(principal.length).toBeGreaterThan(0);
    for (const g of principal) {
      expect(shapeOf(g)).toEqual(shapeOf(grant('Principal', 'graph', ['User.Read'], 'user-id')));
    }
  });

  it('getAssignments: AppAssignments with the builder’s keys and types', async () => {
    const app = await mover();
    const assignments = valueOf(await tenant.ports.connector.getAssignments(app.servicePrincipalId));
    expect(assignments.length).toBeGreaterThan(0);
    for (const a of assignments) {
      expect(shapeOf(a)).toEqual(shapeOf(assignment('Megan Bowen')));
    }
  });

  it('answers a service that stays down with a failure from every method, never an exception', async () => {
    const app = await mover();
    tenant.sim.setFaults([{ match: '*', status: 503, retryAfterSeconds: 0 }]);
    const c = tenant.ports.connector;
    const answers: Outcome<unknown>[] = await Promise.all([
      c.findConnectorApps(moverSettings()),
      c.getPermissionGrants(app.servicePrincipalId),
      c.getAssignments(app.servicePrincipalId),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, status: 503, code: expect.any(String) });
    }
  });
});
