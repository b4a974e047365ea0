/**
 * The SKU display names are a chunk of their own ("sku-names"), out of the entry chunk: the download starts when the
 * licensing module loads, tenant-spo-license still names "Office 365 A1 for faculty (STANDARDWOFFPACK_FACULTY)", and
 * the SharePoint composition root evaluates the subscriptions only once the names have settled.
 */
import { loadSkuNames, skuDisplayName } from '../../src/common/licensing';
import { success, type Outcome } from '../../src/common/outcome';
import { tenantSpoLicenseCheck } from '../../src/readiness/checks/tenant-spo-license';
import type { SubscribedSku } from '../../src/readiness/facts';
import type { DirectoryReader } from '../../src/app/ports';
import { subscriptionsAfter } from '../../src/webparts/migrationReadiness/skuNamesFirst';
import { readyFacts } from '../readiness/factsBuilder';

const A1_FACULTY: SubscribedSku = {
  skuId: '94763226-9b3c-4e75-a931-5c89701abe66',
  skuPartNumber: 'STANDARDWOFFPACK_FACULTY',
  capabilityStatus: 'Enabled',
  enabledUnits: 500,
  consumedUnits: 120,
  servicePlans: [{ servicePlanId: '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5', servicePlanName: 'SHAREPOINTSTANDARD_EDU', provisioningStatus: 'Success' }],
};

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A directory reader of which only getSubscribedSkus and one other member matter here. */
function reader(skus: Promise<Outcome<SubscribedSku[]>>): DirectoryReader & { calls: string[] } {
  const calls: string[] = [];
  const target = {
    calls,
    name: 'graph directory',
    getSubscribedSkus(): Promise<Outcome<SubscribedSku[]>> {
      calls.push('skus');
      return skus;
    },
    getTenant(this: { name: string; calls: string[] }): string {
      this.calls.push(`tenant on ${this.name}`);
      return this.name;
    },
  };
  return target as unknown as DirectoryReader & { calls: string[] };
}

describe('SKU names on demand', () => {
  test('are in without a call under jest (the download starts when the module loads): A1 is named as the admin center names it', async () => {
    expect(skuDisplayName('94763226-9b3c-4e75-a931-5c89701abe66', 'STANDARDWOFFPACK_FACULTY')).toBe('Office 365 A1 for faculty');
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([A1_FACULTY]) }));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toBe('SharePoint Online is included in: \u2068Office 365 A1 for faculty\u2069 (STANDARDWOFFPACK_FACULTY) (includes SHAREPOINTSTANDARD_EDU).');
    await expect(loadSkuNames()).resolves.toBeUndefined();
  });

  test('the web part reads the subscriptions once the names chunk has settled, in parallel with Graph', async () => {
    const names = deferred();
    const directory = reader(Promise.resolve(success([A1_FACULTY])));
    const wrapped = subscriptionsAfter(directory, () => names.promise);
    let answered = false;
    const pending = wrapped.getSubscribedSkus().then((skus) => {
      answered = true;
      return skus;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(directory.calls).toEqual(['skus']); // Graph was asked at once…
    expect(answered).toBe(false); // …but the answer waits for the names
    names.resolve();
    await expect(pending).resolves.toEqual(success([A1_FACULTY]));
  });

  test('a names chunk that fails to load leaves the subscriptions answered (SKUs then show their part numbers)', async () => {
    const directory = reader(Promise.resolve(success([A1_FACULTY])));
    const wrapped = subscriptionsAfter(directory, () => Promise.reject(new Error('Loading chunk sku-names failed.')));
    await expect(wrapped.getSubscribedSkus()).resolves.toEqual(success([A1_FACULTY]));
  });

  test('every other member is the reader’s own, called on the reader itself', () => {
    const directory = reader(Promise.resolve(success([])));
    const wrapped = subscriptionsAfter(directory, () => Promise.resolve());
    const getTenant = wrapped.getTenant as unknown as () => string;
    expect(getTenant()).toBe('graph directory');
    expect(directory.calls).toEqual(['tenant on graph directory']);
  });
});
