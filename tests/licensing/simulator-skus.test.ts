/** The simulator reads the same licensing data (without importing src/) and builds SKUs from Microsoft's contents. */
import { hasOneDrivePlan, ONEDRIVE_PLAN_IDS, SHAREPOINT_PLAN_IDS, SHAREPOINTWAC_PLAN_ID, skuFromCatalogue } from '../../demo/simulator/plans';
import { ONEDRIVE_ONLY_PLAN_IDS as PRODUCT_ONEDRIVE_ONLY, SHAREPOINT_PLAN_IDS as PRODUCT_SHAREPOINT } from '../../src/common/licensing';

function sorted(ids: ReadonlySet<string>): string[] {
  const list: string[] = [];
  ids.forEach((id: string) => list.push(id));
  return list.sort();
}

describe('simulator licensing data', () => {
  it('has the same SharePoint and OneDrive-only plans as the product', () => {
    expect(sorted(SHAREPOINT_PLAN_IDS)).toEqual(sorted(PRODUCT_SHAREPOINT));
    expect(sorted(ONEDRIVE_PLAN_IDS)).toEqual(sorted(PRODUCT_ONEDRIVE_ONLY));
    expect(SHAREPOINT_PLAN_IDS.has(SHAREPOINTWAC_PLAN_ID)).toBe(false);
  });

  it('builds Office 365 A1 for faculty from the reference', () => {
    const a1 = skuFromCatalogue('STANDARDWOFFPACK_FACULTY');
    expect(a1.skuId).toBe('94763226-9b3c-4e75-a931-5c89701abe66');
    expect(a1.displayName).toBe('Office 365 A1 for faculty');
    expect(a1.servicePlans).toContainEqual({
      servicePlanId: '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5',
      servicePlanName: 'SHAREPOINTSTANDARD_EDU',
      provisioningStatus: 'Success',
      appliesTo: 'User',
    });
  });

  it('builds Microsoft 365 F3 (SPE_F1) and F1 with SharePoint Kiosk, case-insensitively', () => {
    for (const part of ['SPE_F1', 'm365_f1']) {
      const sku = skuFromCatalogue(part);
      const plans = sku.servicePlans.map((plan) => ({ servicePlanId: plan.servicePlanId, capabilityStatus: 'Enabled' }));
      expect(sku.servicePlans.map((plan) => plan.servicePlanName)).toContain('SHAREPOINTDESKLESS');
      expect(hasOneDrivePlan(plans)).toBe(true);
    }
  });

  it('refuses a part number the reference does not list', () => {
    expect(() => skuFromCatalogue('NOT_A_REAL_SKU')).toThrow(/not in Microsoft's licensing reference/);
  });
});
