/** @jest-environment node */
/**
 * How the users pages tell licensing: by each user's assignedLicenses read against subscribedSkus (small pages), or by
 * assignedPlans when Microsoft publishes no rule for the licences (a SKU not plainly Enabled) or the SKU table cannot be
 * read. Against the tenant simulator (real adapters, HTTP); the expected family of every user comes from the fixture's
 * own assignedPlans (the per-plan status Microsoft reports), never from the code under test's licence reading.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scenario, startTenant, type TestTenant } from '../support/tenant';
import { licenseFamily } from '../../src/provisioning/licensing';
import { readingFromSkus } from '../../src/tenant/graph/userLicenses';
import { GraphDirectoryReader } from '../../src/tenant/graph/directoryReader';
import type { DirectoryUser } from '../../src/provisioning/ports';
import type { TenantFixture } from '../../demo/simulator/types';

const SPO_PLAN_2 = '5dbe027f-2339-4123-9542-606e4d348a72'; // SHAREPOINTENTERPRISE
const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900'; // ENTERPRISEPACK

async function allUsers(tenant: TestTenant): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let next: string | undefined;
  do {
    const page = await tenant.ports.directory.getUsersPage(next);
    if (!page.ok) throw new Error(`${page.status} ${page.code}: ${page.message}`);
    users.push(...page.value.items);
    next = page.value.next;
  } while (next !== undefined);
  return users;
}

/** The family each user's Enabled assigned plans give (Microsoft's per-plan status, as the fixture holds it). */
function familiesByPlans(fixture: TenantFixture): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of fixture.users) {
    const enabled = u.assignedPlans.filter((p) => p.capabilityStatus === 'Enabled').map((p) => p.servicePlanId.toLowerCase());
    out.set(u.id, licenseFamily(enabled) ?? 'none');
  }
  return out;
}

function familiesRead(users: DirectoryUser[]): Map<string, string> {
  return new Map(users.map((u) => [u.id, licenseFamily(u.enabledPlanIds) ?? 'none']));
}

function usersSelects(tenant: TestTenant): string[] {
  return tenant.sim.log.filter((e) => /^\/graph\/v1\.0\/users\?/.test(e.path) || /\/users\?.*\$select/.test(e.path)).map((e) => decodeURIComponent(e.path));
}

function reader(tenant: TestTenant): GraphDirectoryReader {
  return tenant.ports.directory as GraphDirectoryReader;
}

describe('users pages: licensing by licences, or by plans where no rule is published', () => {
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    await tenant?.close();
    tenant = undefined;
  });

  const scenarios = fs
    .readdirSync(path.join(__dirname, '../../demo/scenarios'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

  it.each(scenarios)('%s: every user gets the family their Enabled assigned plans give, read by licences when every OneDrive-bearing SKU is plainly Enabled', async (name) => {
    const fixture = scenario(name);
    tenant = await startTenant(fixture);
    const users = await allUsers(tenant);
    expect(users).toHaveLength(fixture.users.length);
    expect(familiesRead(users)).toEqual(familiesByPlans(fixture));
    const plain = readingFromSkus(fixture.subscribedSkus).field === 'assignedLicenses';
    const selects = usersSelects(tenant);
    expect(selects.length).toBeGreaterThan(0);
    // Pages used select the field decided (a first page asked before the decision, with the licences, may precede).
    const used = plain ? selects : selects.slice(1);
    for (const s of used.filter((x) => x.indexOf('$select=') >= 0)) {
      expect(s).toContain(plain ? 'assignedLicenses' : 'assignedPlans');
      expect(s).not.toContain(plain ? 'assignedPlans' : 'assignedLicenses');
    }
    expect(reader(tenant).licenses.report()?.source).toBe(plain ? 'licences' : 'plans');
    expect(tenant.sim.log.filter((e) => e.path.indexOf('/subscribedSkus') >= 0)).toHaveLength(1);
  });

  it('a licence with the SharePoint plan disabled gives no OneDrive (disabledPlans)', async () => {
    const fixture = scenario('ready');
    const target = fixture.users.find((u) => u.assignedLicenses.some((l) => l.skuId === E3) && u.id !== fixture.signedInUserId);
    if (!target) throw new Error('the ready scenario has no E3 user besides the admin');
    target.assignedLicenses = target.assignedLicenses.map((l) => (l.skuId === E3 ? { ...l, disabledPlans: [SPO_PLAN_2] } : l));
    target.assignedPlans = target.assignedPlans.filter((p) => p.servicePlanId !== SPO_PLAN_2);
    tenant = await startTenant(fixture);
    const users = await allUsers(tenant);
    expect(reader(tenant).licenses.report()?.source).toBe('licences');
    expect(licenseFamily(users.find((u) => u.id === target.id)?.enabledPlanIds ?? ['x'])).toBeUndefined();
    expect(familiesRead(users)).toEqual(familiesByPlans(fixture));
  });

  it('a OneDrive-bearing SKU in Warning: reads the plans and names the SKU', async () => {
    const fixture = scenario('ready');
    const e3 = fixture.subscribedSkus.find((s) => s.skuId === E3);
    if (!e3) throw new Error('the ready scenario has no E3 SKU');
    e3.capabilityStatus = 'Warning';
    tenant = await startTenant(fixture);
    const users = await allUsers(tenant);
    const report = reader(tenant).licenses.report();
    expect(report).toMatchObject({ source: 'plans', why: 'sku-not-plain', skus: ['ENTERPRISEPACK (Warning)'] });
    // The first page went out with the licences while subscribedSkus was read, and was asked again with the plans;
    // every page used (that one, and the next links it gave) selects the plans.
    const selects = usersSelects(tenant);
    expect(selects[0]).toContain('assignedLicenses');
    for (const s of selects.slice(1)) expect(s).toContain('assignedPlans');
    expect(selects.filter((s) => s.indexOf('$skiptoken') < 0)).toHaveLength(2);
    expect(familiesRead(users)).toEqual(familiesByPlans(fixture));
  });

  it('a SharePoint plan not yet provisioned in its SKU: reads the plans', async () => {
    const fixture = scenario('ready');
    const e3 = fixture.subscribedSkus.find((s) => s.skuId === E3);
    const plan = e3?.servicePlans.find((p) => p.servicePlanId === SPO_PLAN_2);
    if (!plan) throw new Error('the ready scenario has no SharePoint plan in E3');
    plan.provisioningStatus = 'PendingActivation';
    tenant = await startTenant(fixture);
    await allUsers(tenant);
    expect(reader(tenant).licenses.report()).toMatchObject({ source: 'plans', why: 'sku-not-plain' });
  });

  it('subscribedSkus refused (403): reads the plans, keeps the answer, and every family is still right', async () => {
    const fixture = scenario('unprovisioned-users');
    tenant = await startTenant(fixture);
    tenant.sim.setFaults([{ match: 'GET /subscribedSkus', status: 403 }]);
    const users = await allUsers(tenant);
    const report = reader(tenant).licenses.report();
    expect(report?.source).toBe('plans');
    expect(report?.why).toBe('skus-unreadable');
    expect(report?.failure?.status).toBe(403);
    expect(familiesRead(users)).toEqual(familiesByPlans(fixture));
  });

  it('a licence of a SKU the table does not know: the table is read again once, then it grants nothing and is counted', async () => {
    const fixture = scenario('ready');
    const target = fixture.users.find((u) => u.id !== fixture.signedInUserId && u.assignedLicenses.length > 0);
    if (!target) throw new Error('the ready scenario has no licensed user besides the admin');
    const unknownSku = '00000000-1111-2222-3333-444444444444';
    target.assignedLicenses = [...target.assignedLicenses, { skuId: unknownSku, disabledPlans: [] }];
    tenant = await startTenant(fixture);
    const users = await allUsers(tenant);
    expect(tenant.sim.log.filter((e) => e.path.indexOf('/subscribedSkus') >= 0)).toHaveLength(2);
    expect(reader(tenant).licenses.report()).toMatchObject({ source: 'licences', unknownSkuUsers: 1 });
    // Its known licences still count.
    expect(familiesRead(users).get(target.id)).toBe(familiesByPlans(fixture).get(target.id));
  });

  it('a new scan decides again: subscribedSkus failing at the second scan is seen by it', async () => {
    const fixture = scenario('ready');
    tenant = await startTenant(fixture);
    await allUsers(tenant);
    expect(reader(tenant).licenses.report()?.source).toBe('licences');
    tenant.sim.setFaults([{ match: 'GET /subscribedSkus', status: 503, times: 10 }]);
    await allUsers(tenant);
    expect(reader(tenant).licenses.report()).toMatchObject({ source: 'plans', why: 'skus-unreadable' });
  });
});

describe('readingFromSkus (pure)', () => {
  const sku = (status: string, planStatus = 'Success', planId = SPO_PLAN_2): Parameters<typeof readingFromSkus>[0][number] => ({
    skuId: E3.toUpperCase(),
    skuPartNumber: 'ENTERPRISEPACK',
    capabilityStatus: status,
    servicePlans: [
      { servicePlanId: planId.toUpperCase(), servicePlanName: 'SHAREPOINTENTERPRISE', provisioningStatus: planStatus },
      { servicePlanId: 'e95bec33-7c88-4a70-8e19-b10bd9d0c014', servicePlanName: 'SHAREPOINTWAC', provisioningStatus: 'PendingInput' },
    ],
  });

  it('keeps only OneDrive-bearing plans, lower case (Office for the web is not one, whatever its state)', () => {
    const r = readingFromSkus([sku('Enabled')]);
    expect(r.field).toBe('assignedLicenses');
    expect(r.plansBySku.get(E3)).toEqual([SPO_PLAN_2]);
  });

  it.each(['Warning', 'Suspended', 'LockedOut', 'Deleted'])('a OneDrive-bearing SKU in %s means the plans', (status) => {
    expect(readingFromSkus([sku(status)])).toMatchObject({ field: 'assignedPlans', reason: 'sku-not-plain', skus: [`ENTERPRISEPACK (${status})`] });
  });

  it('a SKU without a OneDrive-bearing plan does not decide, whatever its state', () => {
    const other = { skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d', skuPartNumber: 'FLOW_FREE', capabilityStatus: 'Suspended', servicePlans: [] };
    expect(readingFromSkus([sku('Enabled'), other]).field).toBe('assignedLicenses');
  });
});
