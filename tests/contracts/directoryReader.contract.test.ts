/** @jest-environment node */
/**
 * DirectoryReader (src/app/ports.ts) beyond the user pages (userPageReader.contract.test.ts): there is no in-memory fake;
 * the domain's tests build TenantFacts with tests/readiness/factsBuilder.ts instead. So the contract is that the Graph
 * adapter, over HTTP for the `ready` scenario, answers values of exactly the shape the builder gives the checks.
 */
import type { Outcome } from '../../src/common/outcome';
import { ROLE_ELIGIBILITY_READ } from '../../src/common/scopes';
import { E3, GLOBAL_ADMIN, plan, PLAN, readyFacts, SHAREPOINT_ADMIN } from '../readiness/factsBuilder';
import { scenario, startTenant, type TestTenant } from '../support/tenant';
import { shapeOf } from './support';

function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) {
    throw new Error(`${outcome.status} ${outcome.code} ${outcome.message}`);
  }
  return outcome.value;
}

describe('DirectoryReader contract: PnPjs adapter over the simulator (shapes of the facts builder)', () => {
  let tenant: TestTenant;
  const built = readyFacts();
  beforeEach(async () => {
    tenant = await startTenant(scenario('ready'));
  });
  afterEach(async () => {
    await tenant.close();
  });

  it('getTenant: a TenantInfo with the builder’s keys and types', async () => {
    const info = valueOf(await tenant.ports.directory.getTenant());
    expect(shapeOf(info)).toEqual(shapeOf(valueOf(built.tenant)));
    expect(info.initialDomain).toBe('contoso.onmicrosoft.com');
  });

  it('getSubscribedSkus: SubscribedSkus and ServicePlans with the builder’s keys and types (plus provisioningStatus), plan ids in lower case', async () => {
    const skus = valueOf(await tenant.ports.directory.getSubscribedSkus());
    const builtSku = E3();
    // The builder's plans leave out the optional provisioningStatus, which Graph always sends and the adapter keeps:
    // the domain's tests see "not told" (treated as Success) where a tenant says "Success".
    const builderOmits = { provisioningStatus: 'string' };
    expect(skus.length).toBeGreaterThan(0);
    for (const sku of skus) {
      expect(shapeOf(sku)).toEqual(shapeOf(builtSku));
      expect(['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut']).toContain(sku.capabilityStatus);
      for (const servicePlan of sku.servicePlans) {
        expect(shapeOf(servicePlan)).toEqual({ ...shapeOf(builtSku.servicePlans[0] as object), ...builderOmits });
        expect(servicePlan.servicePlanId).toBe(servicePlan.servicePlanId.toLowerCase());
      }
    }
    // The builder's plan ids are the ones the adapter reports (matched by id, not by name).
    expect(skus.some((sku) => sku.servicePlans.some((p) => p.servicePlanId === PLAN.SHAREPOINTENTERPRISE))).toBe(true);
  });

  it('getSignedInUser: a SignedInUser and AssignedPlans with the builder’s keys and types', async () => {
    const me = valueOf(await tenant.ports.directory.getSignedInUser());
    const builtMe = valueOf(built.me);
    expect(shapeOf(me)).toEqual(shapeOf(builtMe));
    expect(me.assignedPlans.length).toBeGreaterThan(0);
    for (const assigned of me.assignedPlans) {
      expect(shapeOf(assigned)).toEqual(shapeOf(plan(PLAN.SHAREPOINTENTERPRISE)));
    }
  });

  it('getMyDirectoryRoles: DirectoryRoles with the builder’s keys and types; Global Administrator by its template id', async () => {
    const roles = valueOf(await tenant.ports.directory.getMyDirectoryRoles());
    for (const role of roles) {
      expect(shapeOf(role)).toEqual(shapeOf(GLOBAL_ADMIN));
    }
    expect(roles.map((r) => r.roleTemplateId)).toContain(GLOBAL_ADMIN.roleTemplateId);
  });

  it('getMyEligibleRoles in the ready tenant (PIM scope not approved): a 403 failure naming the scope, where the builder has []', async () => {
    const eligible = await tenant.ports.directory.getMyEligibleRoles();
    expect(eligible).toMatchObject({ ok: false, status: 403, missingScope: ROLE_ELIGIBILITY_READ });
    expect(built.eligibleRoles).toEqual({ ok: true, value: [] });
  });

  it('getMyEligibleRoles with the scope and Entra ID P2: EligibleRoles shaped as the domain tests write them', async () => {
    await tenant.close();
    const fixture = scenario('ready');
    fixture.grantedScopes.push('RoleEligibilitySchedule.Read.Directory');
    fixture.tenant.entraIdP2 = true;
    fixture.roleEligibilityScheduleInstances = [
      { id: 'pim-1', principalId: fixture.signedInUserId, roleDefinitionId: GLOBAL_ADMIN.roleTemplateId, directoryScopeId: '/', startDateTime: '2026-01-01T00:00:00Z' },
      { id: 'pim-2', principalId: fixture.signedInUserId, roleDefinitionId: SHAREPOINT_ADMIN.roleTemplateId, directoryScopeId: '/', startDateTime: '2026-01-01T00:00:00Z', endDateTime: '2027-01-01T00:00:00Z' },
    ];
    tenant = await startTenant(fixture);
    const eligible = valueOf(await tenant.ports.directory.getMyEligibleRoles());
    // tests/readiness/admin-role.test.ts writes { roleTemplateId } (and endDateTime when the eligibility ends).
    expect(eligible).toEqual([{ roleTemplateId: GLOBAL_ADMIN.roleTemplateId }, { roleTemplateId: SHAREPOINT_ADMIN.roleTemplateId, endDateTime: expect.any(String) }]);
  });

  it('countLicensedEnabledMembers: a number, as the builder’s licensedUserCount', async () => {
    const count = valueOf(await tenant.ports.directory.countLicensedEnabledMembers());
    expect(typeof count).toBe(typeof valueOf(built.licensedUserCount));
    expect(Number.isInteger(count)).toBe(true);
    expect(count).toBeGreaterThan(0);
  });

  it('answers a service that stays down with a failure from every method, never an exception', async () => {
    tenant.sim.setFaults([{ match: '*', status: 503, retryAfterSeconds: 0 }]);
    const d = tenant.ports.directory;
    const answers: Outcome<unknown>[] = await Promise.all([
      d.getTenant(),
      d.getSubscribedSkus(),
      d.getSignedInUser(),
      d.getMyDirectoryRoles(),
      d.getMyEligibleRoles(),
      d.countLicensedEnabledMembers(),
      d.getUsersPage(),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, status: 503, code: expect.any(String) });
    }
  });
});
