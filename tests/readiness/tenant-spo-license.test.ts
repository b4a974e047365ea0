import { tenantSpoLicenseCheck } from '../../src/readiness/checks/tenant-spo-license';
import { E3, failed, PLAN, readyFacts, sku, success, FORBIDDEN_SCOPE } from './factsBuilder';

describe('tenant-spo-license', () => {
  it('passes when an enabled SKU includes a SharePoint Online plan, naming the SKU and plan', () => {
    const result = tenantSpoLicenseCheck.evaluate(readyFacts());
    expect(result.id).toBe('tenant-spo-license');
    expect(result.status).toBe('pass');
    expect(result.evidence.join('\n')).toContain('ENTERPRISEPACK (includes SHAREPOINTENTERPRISE)');
    expect(result.nextStep).toBeUndefined();
  });

  it('matches the plan by id, not by name (a renamed SharePoint plan still counts)', () => {
    const facts = readyFacts({ skus: success([sku('SPE_E3', 'Enabled', [['Some new name', PLAN.SHAREPOINTENTERPRISE.toUpperCase()]])]) });
    expect(tenantSpoLicenseCheck.evaluate(facts).status).toBe('pass');
  });

  it('passes with SharePoint Plan 1 (SHAREPOINTSTANDARD)', () => {
    const facts = readyFacts({ skus: success([sku('SHAREPOINTSTANDARD', 'Enabled', [['SHAREPOINTSTANDARD', PLAN.SHAREPOINTSTANDARD]])]) });
    expect(tenantSpoLicenseCheck.evaluate(facts).status).toBe('pass');
  });

  it('warns when SharePoint Online is only in a SKU in its grace period (Warning)', () => {
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([E3('Warning')]) }));
    expect(result.status).toBe('warn');
    expect(result.evidence.join('\n')).toContain('grace period');
    expect(result.evidence.join('\n')).toContain('ENTERPRISEPACK');
    expect(result.nextStep).toMatch(/Renew/);
    expect(result.who).toBe('global-admin');
  });

  it('fails with "Tenant lacks SPO license" when only Office for the web (SHAREPOINTWAC) claims SharePoint', () => {
    const webOnly = sku('O365_WEB_ONLY', 'Enabled', [['SHAREPOINTWAC', PLAN.SHAREPOINTWAC], ['EXCHANGE_S_ENTERPRISE', PLAN.EXCHANGE_S_ENTERPRISE]]);
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([webOnly]) }));
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain('Tenant lacks SPO license');
    expect(result.evidence.join('\n')).toContain('O365_WEB_ONLY (Enabled)');
    expect(result.evidence.join('\n')).toContain('SHAREPOINTWAC');
    expect(result.nextStep).toMatch(/Buy a Microsoft 365 subscription that includes SharePoint Online/);
    expect(result.who).toBe('global-admin');
    expect(result.links?.[0]?.href).toContain('admin.microsoft.com');
  });

  it('fails when the SharePoint SKU is suspended, and says to reactivate or renew it — not to buy', () => {
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([E3('Suspended')]) }));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toContain('not active: ENTERPRISEPACK (Suspended)');
    expect(result.nextStep).toMatch(/^Reactivate or renew the suspended subscription/);
    expect(result.nextStep).not.toMatch(/Buy a/);
  });

  it('does not pass on a SharePoint plan that is Disabled (or still pending) inside an enabled SKU', () => {
    for (const state of ['Disabled', 'PendingProvisioning', 'PendingInput', 'Error']) {
      const e3 = E3();
      const withState = { ...e3, servicePlans: e3.servicePlans.map((p) => (p.servicePlanId === PLAN.SHAREPOINTENTERPRISE ? { ...p, provisioningStatus: state } : p)) };
      const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([withState]) }));
      expect(result.status).toBe('fail');
      expect(result.evidence.join('\n')).toContain(`SHAREPOINTENTERPRISE in ENTERPRISEPACK is ${state}`);
      expect(result.nextStep).toMatch(/turn its SharePoint Online service plan on/);
    }
    const e3 = E3();
    const ok = { ...e3, servicePlans: e3.servicePlans.map((p) => ({ ...p, provisioningStatus: 'Success' })) };
    expect(tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([ok]) })).status).toBe('pass');
  });

  it('warns (never passes, never says buy) when only OneDrive plans are active: OneDrive yes, SharePoint sites no', () => {
    const oneDrive = sku('WACONEDRIVESTANDARD', 'Enabled', [['ONEDRIVESTANDARD', PLAN.ONEDRIVESTANDARD], ['SHAREPOINTWAC', PLAN.SHAREPOINTWAC]]);
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([oneDrive]) }));
    expect(result.status).toBe('warn');
    expect(result.evidence[0]).toMatch(/^Only OneDrive plans, no SharePoint Online plan: WACONEDRIVESTANDARD \(includes ONEDRIVESTANDARD\)/);
    expect(result.nextStep).toMatch(/only into OneDrive/);
  });

  it('fails when the tenant has no subscriptions at all', () => {
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([]) }));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toContain('Subscriptions seen: none.');
  });

  it('is unknown with the missing scope and where to approve it when the read is forbidden', () => {
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: FORBIDDEN_SCOPE('Organization.Read.All') }));
    expect(result.status).toBe('unknown');
    expect(result.evidence.join('\n')).toContain('403 Authorization_RequestDenied');
    expect(result.nextStep).toContain('Organization.Read.All');
    expect(result.nextStep).toContain('SharePoint admin center → Advanced → API access');
    expect(result.who).toBe('global-admin');
    expect(result.links?.[0]?.href).toBe('https://contoso-admin.sharepoint.com/_layouts/15/online/AdminHome.aspx#/webApiPermissionManagement');
  });

  it('is unknown (busy) on 503', () => {
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: failed(503, 'ServiceUnavailable', 'Try later') }));
    expect(result.status).toBe('unknown');
    expect(result.nextStep).toMatch(/Re-check/);
  });

  it('names SKUs as the admin center does, from Microsoft\'s licensing reference, part number second', () => {
    const a1 = { ...sku('STANDARDWOFFPACK_FACULTY', 'Enabled', [['SHAREPOINTSTANDARD_EDU', '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5']]), skuId: '94763226-9b3c-4e75-a931-5c89701abe66' };
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([a1]) }));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toBe('SharePoint Online is included in: \u2068Office 365 A1 for faculty\u2069 (STANDARDWOFFPACK_FACULTY) (includes SHAREPOINTSTANDARD_EDU).');
  });

  it('passes a frontline tenant on Microsoft 365 F3 (SharePoint Kiosk, SHAREPOINTDESKLESS)', () => {
    const f3 = { ...sku('SPE_F1', 'Enabled', [['SHAREPOINTDESKLESS', '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9']]), skuId: '66b55226-6b4f-492c-910c-a3b7a3c9d993' };
    expect(tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([f3]) })).status).toBe('pass');
  });
});
