import { evaluate } from '../../src/readiness/evaluate';
import { buildTroubleshooting, powerShellArgument, powerShellString, type TroubleshootingCase } from '../../src/readiness/troubleshooting';
import type { TenantFacts } from '../../src/readiness/facts';
import { ADMIN_UPN, doneScan, failed, PLAN, readyFacts, sku, success } from './factsBuilder';

function cases(facts: TenantFacts): TroubleshootingCase[] {
  return buildTroubleshooting(facts, evaluate(facts));
}

function byId(list: TroubleshootingCase[], id: string): TroubleshootingCase {
  const found = list.find((c) => c.id === id);
  if (!found) {
    throw new Error(`no case ${id}`);
  }
  return found;
}

describe('troubleshooting', () => {
  it('has the seed cases, none expanded in a ready tenant', () => {
    const list = cases(readyFacts());
    expect(list.map((c) => c.id)).toEqual([
      'tenant-lacks-spo-license',
      'app-access-error',
      'global-admin-provisioning',
      'user-provisioning',
      'permission-requirements',
    ]);
    expect(list.map((c) => c.title)).toEqual([
      'Tenant lacks SPO license',
      'App access error',
      'Global admin account provisioning',
      'User provisioning',
      'Office 365 permission requirements',
    ]);
    expect(list.every((c) => !c.expanded)).toBe(true);
  });

  it('"Tenant lacks SPO license": what to buy; expanded with what we saw when the license check fails', () => {
    const facts = readyFacts({ skus: success([sku('O365_WEB', 'Enabled', [['SHAREPOINTWAC', PLAN.SHAREPOINTWAC]])]) });
    const c = byId(cases(facts), 'tenant-lacks-spo-license');
    expect(c.expanded).toBe(true);
    expect(c.body.join('\n')).toContain('Business Basic');
    expect(c.body.join('\n')).toContain('What we saw: Subscriptions seen: O365_WEB (Enabled).');
    expect(c.links?.[0]?.href).toContain('admin.microsoft.com');
  });

  it('"App access error": sign out of all Microsoft accounts, private window; never expanded by facts', () => {
    const c = byId(cases(readyFacts({ me: failed(401, 'x', 'y') })), 'app-access-error');
    expect(c.body[0]).toContain('sign out of every Microsoft account');
    expect(c.body[0]).toMatch(/private \(InPrivate or Incognito\) window/);
    expect(c.expanded).toBe(false);
  });

  it('"Global admin account provisioning": expanded when the admin lacks a license or a OneDrive', () => {
    const noDrive = byId(cases(readyFacts({ adminOneDrive: success({ provisioned: false }) })), 'global-admin-provisioning');
    expect(noDrive.expanded).toBe(true);
    expect(noDrive.body.join('\n')).toContain('Office 365 setup process');
    const base = readyFacts();
    if (!base.me.ok) {
      throw new Error('builder');
    }
    const noLicense = byId(cases(readyFacts({ me: success({ ...base.me.value, assignedPlans: [] }) })), 'global-admin-provisioning');
    expect(noLicense.expanded).toBe(true);
    expect(noLicense.body.join('\n')).toContain('What we saw:');
  });

  it('"User provisioning": the two PowerShell lines adapted to the tenant; expanded when users lack a OneDrive', () => {
    const c = byId(cases(readyFacts({ scan: doneScan({ unprovisioned: 3 }) })), 'user-provisioning');
    expect(c.expanded).toBe(true);
    expect(c.commands).toEqual([
      `Connect-SPOService -Url https://contoso-admin.sharepoint.com -credential ${ADMIN_UPN}`,
      'Request-SPOPersonalSite -UserEmails "neverloggedin@contoso.onmicrosoft.com"',
    ]);
    for (const command of c.commands || []) {
      expect(c.body).toContain(command);
    }
    expect(byId(cases(readyFacts({ scan: doneScan({ requested: 3 }) })), 'user-provisioning').expanded).toBe(true);
  });

  it('"User provisioning" falls back to example hosts when the tenant is unknown', () => {
    const facts = readyFacts({ tenant: failed(500, 'x', 'y'), me: failed(500, 'x', 'y') });
    expect(byId(cases(facts), 'user-provisioning').commands).toEqual([
      'Connect-SPOService -Url https://contoso-admin.sharepoint.com -credential admin@contoso.onmicrosoft.com',
      'Request-SPOPersonalSite -UserEmails "neverloggedin@contoso.onmicrosoft.com"',
    ]);
  });

  it('"Office 365 permission requirements": the seed table; expanded when consent fails', () => {
    const c = byId(cases(readyFacts({ grants: success([]) })), 'permission-requirements');
    expect(c.expanded).toBe(true);
    expect(c.body.join('\n')).toContain('requires a Global admin');
    expect(c.body.join('\n')).toContain(
      'Create, edit, and delete items and lists in all your site collections (SharePoint/AllSites.Manage): Create or delete document libraries and lists in all site collections on your behalf.'
    );
  });

  it('quotes PowerShell arguments safely', () => {
    expect(powerShellArgument("o'brien@contoso.com")).toBe("'o''brien@contoso.com'");
    expect(powerShellArgument('plain@contoso.com')).toBe('plain@contoso.com');
    expect(powerShellString('a"b$c`d')).toBe('"a`"b`$c``d"');
  });
});
