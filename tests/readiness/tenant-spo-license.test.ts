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

  it('fails when the SharePoint SKU is suspended, and says so', () => {
    const result = tenantSpoLicenseCheck.evaluate(readyFacts({ skus: success([E3('Suspended')]) }));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toContain('not active: ENTERPRISEPACK (Suspended)');
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
});
