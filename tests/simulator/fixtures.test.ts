/** @jest-environment node */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadFixture, validateFixture, type TenantFixture } from '../../demo/simulator';
import { buildScenario, SCENARIO_NAMES, scenarioJson } from '../../demo/simulator/build-scenarios';
import { shouldHaveOneDrive } from '../../demo/simulator/scenario-kit';
import { SCENARIOS } from './support';
import { CHECK_IDS } from '../../src/readiness/check';


/** Licensed (by Microsoft's licensing facts, not the simulator's plan list), enabled members without a personal site. */
function unprovisioned(f: TenantFixture): string[] {
  const owners = new Set(f.sharePoint.personalSites.map((s) => s.owner.toLowerCase()));
  return f.users.filter((u) => shouldHaveOneDrive(u) && !owners.has(u.userPrincipalName.toLowerCase())).map((u) => u.userPrincipalName);
}

describe('scenario fixtures', () => {
  it('has exactly the agreed scenario files', () => {
    const files = fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([...SCENARIO_NAMES].map((n) => `${n}.json`).sort());
  });

  it.each([...SCENARIO_NAMES])('%s validates against demo/tenant.schema.json and expects all 9 checks', (name) => {
    const f = loadFixture(path.join(SCENARIOS, `${name}.json`));
    expect(f.scenario?.name).toBe(name);
    expect(Object.keys(f.scenario?.expected ?? {}).sort()).toEqual([...CHECK_IDS].sort());
    expect(f.scenario?.description.length).toBeGreaterThan(40);
    const sps = f.servicePrincipals.map((s) => s.appId);
    expect(sps).toEqual(expect.arrayContaining(['00000003-0000-0000-c000-000000000000', '00000003-0000-0ff1-ce00-000000000000', 'd62121f3-e023-4972-b6b0-794190c0fd98']));
    expect(unprovisioned(f)).toHaveLength(f.scenario?.unprovisionedCount ?? 0);
    // Nobody who can have a OneDrive (no SharePoint/OneDrive plan anywhere) is a warning, not "all 0 have one".
    const considered = f.users.filter((u) => shouldHaveOneDrive(u)).length;
    expect(f.scenario?.expected['users-onedrive']).toBe(unprovisioned(f).length > 0 ? 'fail' : considered === 0 ? 'warn' : 'pass');
  });

  it.each([...SCENARIO_NAMES])('%s.json is what build-scenarios.ts makes (regenerate with tsx demo/simulator/build-scenarios.ts)', (name) => {
    expect(fs.readFileSync(path.join(SCENARIOS, `${name}.json`), 'utf8')).toBe(scenarioJson(buildScenario(name)));
  });

  it('unprovisioned-users has exactly 200 users, 60 of them unprovisioned, plus excluded guests, disabled and unlicensed users', () => {
    const f = loadFixture(path.join(SCENARIOS, 'unprovisioned-users.json'));
    expect(f.users).toHaveLength(200);
    expect(unprovisioned(f)).toHaveLength(60);
    expect(f.users.some((u) => u.userType === 'Guest')).toBe(true);
    expect(f.users.some((u) => !u.accountEnabled)).toBe(true);
    expect(f.users.some((u) => u.userType === 'Member' && u.assignedLicenses.length === 0)).toBe(true);
    expect(unprovisioned(f)).toContain("liam.o'brien@contoso.onmicrosoft.com");
  });

  it('carries the edge cases: mixed-case UPN vs lower-case site owner, an apostrophe, Unicode names', () => {
    const f = loadFixture(path.join(SCENARIOS, 'ready.json'));
    const adele = f.users.find((u) => u.userPrincipalName === 'Adele.Vance@contoso.onmicrosoft.com');
    expect(adele).toBeDefined();
    expect(f.sharePoint.personalSites.map((s) => s.owner)).toContain('adele.vance@contoso.onmicrosoft.com');
    expect(f.users.some((u) => u.userPrincipalName.includes("'"))).toBe(true);
    expect(f.users.some((u) => /[^\u0000-\u007f]/.test(u.displayName))).toBe(true);
  });

  it('expectations follow the brief', () => {
    const exp = (n: string): Record<string, string> => loadFixture(path.join(SCENARIOS, `${n}.json`)).scenario?.expected ?? {};
    expect(Object.values(exp('ready')).every((s) => s === 'pass')).toBe(true);
    expect(exp('no-spo-license')['tenant-spo-license']).toBe('fail');
    expect(exp('sharepoint-admin-only')['admin-role']).toBe('warn');
    expect(exp('admin-unlicensed')['admin-license']).toBe('fail');
    expect(exp('admin-unlicensed')['admin-onedrive']).toBe('pass');
    expect(exp('no-admin-consent')['connector-consent']).toBe('fail');
    expect(exp('assignment-off')['connector-user-assignment']).toBe('warn');
    expect(exp('unprovisioned-users')['users-onedrive']).toBe('fail');
    const demo = loadFixture(path.join(SCENARIOS, 'demo.json'));
    expect(demo.users.length).toBeGreaterThanOrEqual(200);
    expect(demo.sharePoint.provisioningDelayMs).toBe(8000);
    const share = (demo.scenario?.unprovisionedCount ?? 0) / demo.users.filter(shouldHaveOneDrive).length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.2);
  });

  it('admin-host-blocked and enqueue-ignored are unprovisioned-users (same users and sites) with another admin host / enqueue answer', () => {
    const load = (n: string): TenantFixture => loadFixture(path.join(SCENARIOS, `${n}.json`));
    const base = load('unprovisioned-users');
    for (const [name, change] of [
      ['admin-host-blocked', { adminHost: 'cors-blocked' }],
      ['enqueue-ignored', { enqueueBehaviour: 'ignored' }],
    ] as const) {
      const f = load(name);
      expect(f.users).toEqual(base.users);
      expect(f.sharePoint).toEqual({ ...base.sharePoint, ...change });
      expect(f.scenario?.expected).toEqual(base.scenario?.expected);
      expect(f.scenario?.unprovisionedCount).toBe(60);
    }
  });

  it('school-a1: everyone (the Global admin too) holds only Office 365 A1 SKUs, whose SHAREPOINTSTANDARD_EDU counts as SharePoint', () => {
    const f = loadFixture(path.join(SCENARIOS, 'school-a1.json'));
    expect(f.subscribedSkus.map((s) => s.skuPartNumber).filter((p) => p !== 'FLOW_FREE').sort()).toEqual(['STANDARDWOFFPACK_FACULTY', 'STANDARDWOFFPACK_STUDENT']);
    const licensed = f.users.filter((u) => u.assignedLicenses.length > 0);
    expect(licensed.every((u) => u.assignedLicenses.every((l) => ['94763226-9b3c-4e75-a931-5c89701abe66', '314c4481-f395-4525-be8b-2ec4bb1e9d91'].includes(l.skuId)))).toBe(true);
    const admin = f.users.find((u) => u.id === f.signedInUserId);
    expect(admin?.assignedPlans.map((p) => p.servicePlanId)).toContain('0a4983bb-d3e5-4a09-95d8-b2d0127b3df5');
    expect(f.scenario?.expected).toEqual(expect.objectContaining({ 'tenant-spo-license': 'pass', 'admin-license': 'pass', 'users-onedrive': 'fail' }));
    expect(f.scenario?.unprovisionedCount).toBeGreaterThan(10);
  });

  it('frontline-f3: F3 (SPE_F1, SHAREPOINTDESKLESS) users count as licensed; the admin holds E3', () => {
    const f = loadFixture(path.join(SCENARIOS, 'frontline-f3.json'));
    const f3 = f.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === '66b55226-6b4f-492c-910c-a3b7a3c9d993'));
    expect(f3.length).toBeGreaterThan(f.users.length / 2);
    expect(f.users.find((u) => u.id === f.signedInUserId)?.assignedLicenses.map((l) => l.skuId)).toEqual(['6fd2c87f-b296-42f0-b197-1e91e994b900']);
    const unprovisionedF3 = unprovisioned(f).filter((upn) => f3.some((u) => u.userPrincipalName === upn));
    expect(unprovisionedF3.length).toBe(f.scenario?.unprovisionedCount);
  });

  it('multi-geo: default geo NAM; EUR users\' sites are on the satellite my host', () => {
    const f = loadFixture(path.join(SCENARIOS, 'multi-geo.json'));
    expect(f.tenant.defaultDataLocation).toBe('NAM');
    const eur = f.users.filter((u) => u.preferredDataLocation === 'EUR');
    expect(eur).toHaveLength(5);
    const sites = new Map(f.sharePoint.personalSites.map((s) => [s.owner, s.url] as const));
    for (const u of eur) expect(sites.get(u.userPrincipalName.toLowerCase())).toMatch(/^https:\/\/contosoeur-my\.sharepoint\.com\/personal\//);
  });
});

describe('fixture validation', () => {
  const ready = (): TenantFixture => JSON.parse(fs.readFileSync(path.join(SCENARIOS, 'ready.json'), 'utf8')) as TenantFixture;

  it('names the bad JSON path', () => {
    const f = ready() as unknown as { users: Array<Record<string, unknown>> };
    (f.users[3] as Record<string, unknown>).userPrincipalName = 42;
    expect(() => validateFixture(f)).toThrow('fixture users[3].userPrincipalName: must be string');
  });

  it('names missing and unknown properties and bad enum values', () => {
    const f = ready() as unknown as Record<string, unknown> & { users: Array<Record<string, unknown>>; sharePoint: Record<string, unknown> };
    delete f.users[5]?.accountEnabled;
    f.sharePoint.enqueueBehavior = 'ok';
    expect(() => validateFixture(f)).toThrow(/fixture users\[5\]\.accountEnabled: is required/);
    expect(() => validateFixture(f)).toThrow(/sharePoint\.enqueueBehavior: is not allowed here/);
    const g = ready();
    (g.sharePoint as { enqueueBehaviour: string }).enqueueBehaviour = 'maybe';
    expect(() => validateFixture(g)).toThrow(/fixture sharePoint\.enqueueBehaviour: must be equal to one of the allowed values/);
  });

  it('checks cross references the schema cannot', () => {
    const f = ready();
    f.signedInUserId = 'nobody';
    expect(() => validateFixture(f)).toThrow("fixture signedInUserId: no user with id 'nobody'");
    const g = ready();
    const second = g.users[2];
    if (second) second.userPrincipalName = (g.users[1]?.userPrincipalName ?? '').toUpperCase();
    expect(() => validateFixture(g)).toThrow(/users\[2\]\.userPrincipalName: duplicate of users\[1\]/);
  });

  it('loadFixture names the file when JSON is broken', () => {
    const file = path.join(require('node:os').tmpdir() as string, `broken-fixture-${process.pid}.json`);
    fs.writeFileSync(file, '{ "tenant": ');
    try {
      expect(() => loadFixture(file)).toThrow(/not valid JSON/);
    } finally {
      fs.unlinkSync(file);
    }
  });
});
