/** @jest-environment node */
/**
 * Graph answers beyond the basics: mySite for users without (or with a flaky) personal site, PIM eligibility with its
 * scope/role/licence conditions, licensing status fields, Multi-Geo preferredDataLocation, @odata.count.
 */
import type { GraphRoleEligibilityScheduleInstance, RunningSimulator, TenantFixture } from '../../demo/simulator';
import { expectGraphError, getJson, start, type JsonResult } from './support';

const LIAM = "liam.o'brien@contoso.onmicrosoft.com"; // no personal site in unprovisioned-users
const ADELE = 'Adele.Vance@contoso.onmicrosoft.com'; // has one

function userId(f: TenantFixture, upn: string): string {
  const u = f.users.find((x) => x.userPrincipalName.toLowerCase() === upn.toLowerCase());
  if (!u) throw new Error(`no ${upn}`);
  return u.id;
}

async function mySite(sim: RunningSimulator, upn: string): Promise<JsonResult> {
  return getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent(upn)}?$select=id,mySite`);
}

describe('simulator: Graph mySite for users without a personal site (sharePoint.mySiteMissing)', () => {
  it('"not-found" (default): 404 ResourceNotFound "User\'s mysite not found."', async () => {
    const sim = await start('unprovisioned-users');
    try {
      const r = await mySite(sim, LIAM);
      expectGraphError(r, 404, 'ResourceNotFound');
      expect((r.body as { error: { message: string } }).error.message).toBe("User's mysite not found.");
    } finally {
      await sim.close();
    }
  });

  it('"null": 200 with mySite null (also on /me and inside $batch)', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.mySiteMissing = 'null';
    });
    try {
      const r = await mySite(sim, LIAM);
      expect(r.status).toBe(200);
      expect(r.body.mySite).toBeNull();
      expect((await mySite(sim, ADELE)).body.mySite).toBe('https://contoso-my.sharepoint.com/personal/adele_vance_contoso_onmicrosoft_com');
      const batch = await fetch(`${sim.graphBaseUrl}/$batch`, {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: `/users/${encodeURIComponent(LIAM)}?$select=id,mySite` }] }),
      });
      const item = ((await batch.json()) as { responses: Array<{ status: number; body: { mySite: unknown } }> }).responses[0];
      expect(item?.status).toBe(200);
      expect(item?.body.mySite).toBeNull();
    } finally {
      await sim.close();
    }
  });

  it('"unknown-error": 500 UnknownError "Unable to retrieve user\'s mysite URL."', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.mySiteMissing = 'unknown-error';
    });
    try {
      const r = await mySite(sim, LIAM);
      expectGraphError(r, 500, 'UnknownError');
      expect((r.body as { error: { message: string } }).error.message).toBe("Unable to retrieve user's mysite URL.");
      expect((await mySite(sim, ADELE)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('sharePoint.mySiteErrors: users WITH a site answer 400 BadRequest / 500 UnknownError "Unable to retrieve user\'s mysite URL."', async () => {
    let ids: { adele: string; admin: string } = { adele: '', admin: '' };
    const sim = await start('unprovisioned-users', (f) => {
      ids = { adele: userId(f, ADELE), admin: f.signedInUserId };
      f.sharePoint.mySiteErrors = { [ids.adele]: 400, [ids.admin]: 500 };
    });
    try {
      const adele = await mySite(sim, ADELE);
      expectGraphError(adele, 400, 'BadRequest');
      expect((adele.body as { error: { message: string } }).error.message).toBe("Unable to retrieve user's mysite URL.");
      expectGraphError(await getJson(`${sim.graphBaseUrl}/me?$select=mySite`), 500, 'UnknownError');
      expect(sim.state.personalSiteOf(sim.state.signedInUser)).toBeDefined(); // the site exists all the same
      // Reads without mySite are unaffected.
      expect((await getJson(`${sim.graphBaseUrl}/users/${ids.adele}?$select=id,displayName`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('rejects mySiteErrors for an unknown user id', async () => {
    await expect(
      start('ready', (f) => {
        f.sharePoint.mySiteErrors = { 'no-such-user': 500 };
      }),
    ).rejects.toThrow(/sharePoint\.mySiteErrors\["no-such-user"\]: no user with id/);
  });
});

describe('simulator: PIM roleEligibilityScheduleInstances', () => {
  const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
  const P2_SKU = {
    skuId: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
    skuPartNumber: 'AAD_PREMIUM_P2',
    capabilityStatus: 'Enabled',
    consumedUnits: 1,
    prepaidUnits: { enabled: 5 },
    servicePlans: [{ servicePlanId: 'eec0eb4f-6444-4f95-aba0-50c24d67f998', servicePlanName: 'AAD_PREMIUM_P2', provisioningStatus: 'Success' }],
  };

  function eligibility(f: TenantFixture): GraphRoleEligibilityScheduleInstance[] {
    return [
      { id: 'elig-1', principalId: f.signedInUserId, roleDefinitionId: GLOBAL_ADMIN, directoryScopeId: '/', startDateTime: '2026-01-01T00:00:00Z' },
      { id: 'elig-2', principalId: userId(f, ADELE), roleDefinitionId: GLOBAL_ADMIN, directoryScopeId: '/', startDateTime: '2026-01-01T00:00:00Z', endDateTime: '2027-01-01T00:00:00Z' },
    ];
  }

  it('lists the instances filtered by principalId, with the scope, a supported role and Entra ID P2', async () => {
    let adminId = '';
    const sim = await start('ready', (f) => {
      adminId = f.signedInUserId;
      f.grantedScopes.push('RoleEligibilitySchedule.Read.Directory');
      f.subscribedSkus.push(P2_SKU);
      f.roleEligibilityScheduleInstances = eligibility(f);
    });
    try {
      const r = await getJson<{ value: Array<Record<string, unknown>> }>(
        `${sim.graphBaseUrl}/roleManagement/directory/roleEligibilityScheduleInstances?$filter=${encodeURIComponent(`principalId eq '${adminId}'`)}`,
      );
      expect(r.status).toBe(200);
      expect(r.body.value).toEqual([
        { id: 'elig-1', principalId: adminId, roleDefinitionId: GLOBAL_ADMIN, directoryScopeId: '/', appScopeId: null, startDateTime: '2026-01-01T00:00:00Z', endDateTime: null, memberType: 'Direct' },
      ]);
      const all = await getJson<{ value: unknown[] }>(`${sim.graphBaseUrl}/roleManagement/directory/roleEligibilityScheduleInstances`);
      expect(all.body.value).toHaveLength(2);
    } finally {
      await sim.close();
    }
  });

  it('filterByCurrentUser(on=\'principal\') lists the signed-in user\'s own, without the reader-role requirement', async () => {
    let adminId = '';
    const sim = await start('sharepoint-admin-only', (f) => {
      adminId = f.signedInUserId;
      f.grantedScopes.push('RoleManagement.Read.Directory');
      f.subscribedSkus.push(P2_SKU);
      f.roleEligibilityScheduleInstances = eligibility(f);
    });
    try {
      const r = await getJson<{ value: Array<{ id: string; principalId: string }> }>(
        `${sim.graphBaseUrl}/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')`,
      );
      expect(r.status).toBe(200);
      expect(r.body.value.map((i) => [i.id, i.principalId])).toEqual([['elig-1', adminId]]);
    } finally {
      await sim.close();
    }
  });

  it('403 with PIM\'s PermissionScopeNotGranted when no eligibility scope is granted (Directory.Read.All is not enough)', async () => {
    const sim = await start('ready', (f) => {
      f.subscribedSkus.push(P2_SKU);
    });
    try {
      const r = await getJson<{ error: { message: string } }>(`${sim.graphBaseUrl}/roleManagement/directory/roleEligibilityScheduleInstances`);
      expectGraphError(r, 403, 'UnknownError');
      expect(JSON.parse(r.body.error.message)).toEqual({
        errorCode: 'PermissionScopeNotGranted',
        message: expect.stringMatching(/^Authorization failed due to missing permission scope RoleEligibilitySchedule\.Read\.Directory/),
      });
    } finally {
      await sim.close();
    }
  });

  it('403 Authorization_RequestDenied for a SharePoint Administrator (not a role PIM reads support)', async () => {
    const sim = await start('sharepoint-admin-only', (f) => {
      f.grantedScopes.push('RoleManagement.Read.Directory');
      f.subscribedSkus.push(P2_SKU);
    });
    try {
      expectGraphError(await getJson(`${sim.graphBaseUrl}/roleManagement/directory/roleEligibilityScheduleInstances`), 403, 'Authorization_RequestDenied');
    } finally {
      await sim.close();
    }
  });

  it('400 AadPremiumLicenseRequired without Entra ID P2 (derived from the SKUs, or tenant.entraIdP2)', async () => {
    const noP2 = await start('ready', (f) => {
      f.grantedScopes.push('RoleEligibilitySchedule.Read.Directory');
    });
    const flagged = await start('ready', (f) => {
      f.grantedScopes.push('RoleEligibilitySchedule.Read.Directory');
      f.tenant.entraIdP2 = true;
    });
    try {
      expectGraphError(await getJson(`${noP2.graphBaseUrl}/roleManagement/directory/roleEligibilityScheduleInstances`), 400, 'AadPremiumLicenseRequired');
      expect((await getJson(`${flagged.graphBaseUrl}/roleManagement/directory/roleEligibilityScheduleInstances`)).status).toBe(200);
    } finally {
      await noP2.close();
      await flagged.close();
    }
  });
});

describe('simulator: licensing status fields and Multi-Geo', () => {
  let sim: RunningSimulator;
  let adeleId = '';
  beforeAll(async () => {
    sim = await start('ready', (f) => {
      adeleId = userId(f, ADELE);
      const sku = f.subscribedSkus[0];
      if (!sku) throw new Error('no sku');
      sku.capabilityStatus = 'Warning';
      const plan = sku.servicePlans[0];
      if (plan) plan.provisioningStatus = 'PendingProvisioning';
      const adele = f.users.find((u) => u.id === adeleId);
      if (!adele) throw new Error('no Adele');
      adele.preferredDataLocation = 'EUR';
      adele.assignedPlans = adele.assignedPlans.map((p, i) => (i === 0 ? { ...p, capabilityStatus: 'Suspended' } : p));
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('returns provisioningStatus, capabilityStatus and preferredDataLocation as given', async () => {
    const skus = await getJson<{ value: Array<{ capabilityStatus: string; servicePlans: Array<{ provisioningStatus: string }> }> }>(`${sim.graphBaseUrl}/subscribedSkus`);
    expect(skus.body.value[0]?.capabilityStatus).toBe('Warning');
    expect(skus.body.value[0]?.servicePlans[0]?.provisioningStatus).toBe('PendingProvisioning');
    const adele = await getJson<{ preferredDataLocation: string; assignedPlans: Array<{ capabilityStatus: string }> }>(
      `${sim.graphBaseUrl}/users/${adeleId}?$select=id,preferredDataLocation,assignedPlans`,
    );
    expect(adele.body.preferredDataLocation).toBe('EUR');
    expect(adele.body.assignedPlans[0]?.capabilityStatus).toBe('Suspended');
    const list = await getJson<{ value: Array<{ id: string; preferredDataLocation: string | null }> }>(`${sim.graphBaseUrl}/users?$select=id,preferredDataLocation&$top=999`);
    expect(list.body.value.find((u) => u.id === adeleId)?.preferredDataLocation).toBe('EUR');
    expect(list.body.value.filter((u) => u.preferredDataLocation === null).length).toBe(list.body.value.length - 1);
  });

  it('rejects capability and provisioning statuses Graph does not have', async () => {
    await expect(
      start('ready', (f) => {
        const u = f.users[0];
        if (u) u.assignedPlans = u.assignedPlans.map((p) => ({ ...p, capabilityStatus: 'Active' }));
      }),
    ).rejects.toThrow(/capabilityStatus: must be equal to one of the allowed values/);
  });

  it('returns @odata.count on the first page of /users?$count=true with ConsistencyLevel: eventual', async () => {
    const r = await getJson<{ '@odata.count': number; '@odata.nextLink': string }>(`${sim.graphBaseUrl}/users?$count=true&$top=5&$select=id`, { ConsistencyLevel: 'eventual' });
    expect(r.body['@odata.count']).toBe(23);
    expect(r.body['@odata.nextLink']).toBeDefined();
  });
});

describe('simulator: Multi-Geo personal sites', () => {
  it('lists only default-geo sites on the admin host; an enqueue (not Multi-Geo aware) creates the site in the default geo', async () => {
    const satellite = 'https://contosoeur-my.sharepoint.com/personal/adele_vance_contoso_onmicrosoft_com';
    const sim = await start('unprovisioned-users', (f) => {
      f.tenant.defaultDataLocation = 'NAM';
      f.sharePoint.provisioningDelayMs = 0;
      for (const u of f.users) {
        if (u.userPrincipalName.toLowerCase() === LIAM || u.userPrincipalName === ADELE) u.preferredDataLocation = 'EUR';
      }
      for (const site of f.sharePoint.personalSites) if (site.owner === ADELE.toLowerCase()) site.url = satellite;
    });
    try {
      const enqueue = await fetch(`${sim.spAdminUrl}/_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk`, {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        body: JSON.stringify({ emailIDs: [LIAM] }),
      });
      expect(enqueue.status).toBe(200);
      expect((await mySite(sim, ADELE)).body.mySite).toBe(satellite);
      expect(sim.state.personalSitesInDefaultGeo().some((s) => s.owner === ADELE.toLowerCase())).toBe(false);
      expect(sim.state.personalSites.some((s) => s.owner === ADELE.toLowerCase())).toBe(true);
      expect((await mySite(sim, LIAM)).body.mySite).toBe('https://contoso-my.sharepoint.com/personal/liam_o_brien_contoso_onmicrosoft_com');
    } finally {
      await sim.close();
    }
  });
});
