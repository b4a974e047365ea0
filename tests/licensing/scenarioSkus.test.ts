/**
 * The demo scenarios' SKUs against Microsoft's licensing reference: every SKU the scenario kit builds (except the one
 * it marks fictional) exists in the catalogue with that id and part number, and every plan it puts in it is a plan the
 * real SKU carries — so a school on A1 or a frontline tenant on F3 looks as Microsoft documents it.
 * @jest-environment node
 */
import { PLAN, SKU } from '../../demo/simulator/kit/licenses';
import { skuFromCatalogue } from '../../demo/simulator/plans';

const FICTIONAL = new Set(['OFFICE_WEB_ONLY']);

describe('scenario SKUs are Microsoft SKUs', () => {
  const real = Object.entries(SKU).filter(([name]) => !FICTIONAL.has(name));

  it.each(real)('%s has the id, part number and a subset of the plans of the catalogue SKU', (_name, def) => {
    const catalogue = skuFromCatalogue(def.skuPartNumber);
    expect(catalogue.skuId).toBe(def.skuId);
    const catalogueIds = new Set(catalogue.servicePlans.map((p) => p.servicePlanId));
    for (const plan of def.plans) {
      expect({ plan, inCatalogue: catalogueIds.has(PLAN[plan].id) }).toEqual({ plan, inCatalogue: true });
    }
  });

  it('names A1 and F3 as the admin center does', () => {
    expect(skuFromCatalogue('STANDARDWOFFPACK_FACULTY').displayName).toBe('Office 365 A1 for faculty');
    expect(skuFromCatalogue('SPE_F1').displayName).toMatch(/F3/);
  });
});
