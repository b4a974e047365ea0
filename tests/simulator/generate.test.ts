/** @jest-environment node */
import { generateTenant, populationCounts } from '../../demo/generate';
import { startSimulator, validateFixture } from '../../demo/simulator';
import { hasOneDrivePlan } from '../../demo/simulator/plans';
import { AUTH } from './support';

describe('generateTenant', () => {
  it('is deterministic: the same seed gives the same fixture, another seed another', () => {
    const a = JSON.stringify(generateTenant({ users: 2000, unprovisioned: 0.3, seed: 1 }));
    const b = JSON.stringify(generateTenant({ users: 2000, unprovisioned: 0.3, seed: 1 }));
    const c = JSON.stringify(generateTenant({ users: 2000, unprovisioned: 0.3, seed: 2 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('produces exact counts and a valid fixture', () => {
    const f = validateFixture(generateTenant({ users: 5000, unprovisioned: 0.25, seed: 9, guests: 0.04, disabled: 0.02, unlicensed: 0.06 }));
    expect(f.users).toHaveLength(5000);
    expect(new Set(f.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(5000);
    const guests = f.users.filter((u) => u.userType === 'Guest').length;
    const disabled = f.users.filter((u) => !u.accountEnabled).length;
    const unlicensed = f.users.filter((u) => u.userType === 'Member' && u.assignedLicenses.length === 0).length;
    expect([guests, disabled, unlicensed]).toEqual([200, 100, 300]);
    const owners = new Set(f.sharePoint.personalSites.map((s) => s.owner));
    const considered = f.users.filter((u) => u.accountEnabled && u.userType === 'Member' && hasOneDrivePlan(u.assignedPlans));
    const missing = considered.filter((u) => !owners.has(u.userPrincipalName.toLowerCase()));
    expect(considered).toHaveLength(4400);
    expect(missing).toHaveLength(Math.round(4399 * 0.25));
    expect(f.scenario?.unprovisionedCount).toBe(missing.length);
    expect(f.scenario?.expected['users-onedrive']).toBe('fail');
    expect(populationCounts({ users: 5000, unprovisioned: 0.25, seed: 9, guests: 0.04, disabled: 0.02, unlicensed: 0.06 }).unprovisioned).toBe(missing.length);
  });

  it('rejects shares outside 0..1', () => {
    expect(() => generateTenant({ users: 10, unprovisioned: 1.5, seed: 1 })).toThrow(/unprovisioned/);
    expect(() => generateTenant({ users: 0, unprovisioned: 0, seed: 1 })).toThrow(/users/);
  });

  // Speed is shown by `bench/generate.ts` (generation time, time per users page), not asserted here.
  it('generates 100,000 users with the counts it promises, and the simulator pages through every enabled member once', async () => {
    const options = { users: 100000, unprovisioned: 0.3, seed: 1 };
    const f = generateTenant(options);
    const counts = populationCounts(options);
    expect(f.users).toHaveLength(100000);
    expect(new Set(f.users.map((u) => u.id)).size).toBe(100000);
    expect(new Set(f.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(100000);
    const guests = f.users.filter((u) => u.userType === 'Guest').length;
    const disabled = f.users.filter((u) => !u.accountEnabled).length;
    expect([guests, disabled]).toEqual([counts.guest, counts.disabled]);
    expect([guests, disabled]).toEqual([2000, 2000]); // 2% each by default
    // The ground truth in the fixture agrees with the counts the scenario announces.
    const owners = new Set(f.sharePoint.personalSites.map((s) => s.owner));
    const considered = f.users.filter((u) => u.accountEnabled && u.userType === 'Member' && hasOneDrivePlan(u.assignedPlans));
    const missing = considered.filter((u) => !owners.has(u.userPrincipalName.toLowerCase()));
    expect(missing).toHaveLength(counts.unprovisioned);
    expect(f.scenario?.unprovisionedCount).toBe(counts.unprovisioned);

    const sim = await startSimulator({ fixture: f });
    try {
      let url: string | undefined =
        `${sim.graphBaseUrl}/users?$select=id,userPrincipalName&$top=999` +
        `&$filter=${encodeURIComponent("accountEnabled eq true and userType eq 'Member'")}`;
      const pageSizes: number[] = [];
      const ids: string[] = [];
      while (url) {
        const r = await fetch(url, { headers: AUTH });
        expect(r.status).toBe(200);
        const body = (await r.json()) as { value: Array<{ id: string }>; '@odata.nextLink'?: string };
        pageSizes.push(body.value.length);
        for (const u of body.value) ids.push(u.id);
        url = body['@odata.nextLink'];
        if (pageSizes.length > 200) throw new Error('paging does not end');
      }
      const enabledMembers = f.users.filter((u) => u.accountEnabled && u.userType === 'Member').map((u) => u.id);
      expect(enabledMembers).toHaveLength(100000 - 2000 - 2000); // guests and disabled excluded
      // Every enabled member exactly once, in directory order, in full pages of 999 but the last.
      expect(ids).toEqual(enabledMembers);
      expect(pageSizes).toHaveLength(Math.ceil(enabledMembers.length / 999));
      expect(pageSizes.slice(0, -1).every((n) => n === 999)).toBe(true);
    } finally {
      await sim.close();
    }
  }, 60000); // a safety net for a loaded machine, not a measure
});
