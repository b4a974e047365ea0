/** @jest-environment node */
/**
 * PersonalSiteReader.getMyOneDrive (src/app/ports.ts; the rest of the port is PersonalSitePages, in
 * personalSitePages.contract.test.ts). No in-memory fake: the domain's tests take `adminOneDrive` from
 * tests/readiness/factsBuilder.ts. The contract: the adapter over HTTP answers that shape, and never provisions.
 */
import type { MySiteMissing } from '../../demo/simulator/types';
import { readyFacts } from '../readiness/factsBuilder';
import { scenario, startTenant, type TestTenant } from '../support/tenant';
import { shapeOf } from './support';

describe('PersonalSiteReader.getMyOneDrive contract: PnPjs adapter over the simulator', () => {
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    await tenant?.close();
    tenant = undefined;
  });

  it('a provisioned OneDrive is { provisioned: true, url }: the builder’s keys and types', async () => {
    tenant = await startTenant(scenario('ready'));
    const mine = await tenant.ports.sites.getMyOneDrive();
    const built = readyFacts().adminOneDrive;
    if (!mine.ok || !built.ok) {
      throw new Error('both are expected to succeed');
    }
    expect(shapeOf(mine.value)).toEqual(shapeOf(built.value));
    expect(mine.value).toEqual({ provisioned: true, url: expect.stringMatching(/^https:\/\/[a-z0-9-]+-my\.sharepoint\.com\/personal\/\S+$/) });
  });

  it.each<[MySiteMissing]>([['not-found'], ['null']])('an admin without a OneDrive (Graph answers %s) is { provisioned: false }, and nothing is provisioned', async (mySiteMissing) => {
    const fixture = scenario('ready');
    const me = fixture.users.find((u) => u.id === fixture.signedInUserId);
    fixture.sharePoint.personalSites = fixture.sharePoint.personalSites.filter((s) => s.owner.toLowerCase() !== me?.userPrincipalName.toLowerCase());
    fixture.sharePoint.mySiteMissing = mySiteMissing;
    tenant = await startTenant(fixture);
    expect(await tenant.ports.sites.getMyOneDrive()).toEqual({ ok: true, value: { provisioned: false } });
    expect(await tenant.ports.sites.getMyOneDrive()).toEqual({ ok: true, value: { provisioned: false } });
    expect(tenant.sim.log.some((e) => /\/drive\b/i.test(e.path) || e.method !== 'GET')).toBe(false);
  });

  it('a read that fails otherwise (500 "Unable to retrieve user\'s mysite URL.") is a failure, never "not provisioned"', async () => {
    const fixture = scenario('ready');
    fixture.sharePoint.mySiteErrors = { [fixture.signedInUserId]: 500 };
    tenant = await startTenant(fixture);
    expect(await tenant.ports.sites.getMyOneDrive()).toMatchObject({ ok: false, status: 500, code: expect.any(String) });
  });
});
