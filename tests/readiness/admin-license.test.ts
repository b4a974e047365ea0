import { adminLicenseCheck } from '../../src/readiness/checks/admin-license';
import { ADMIN_UPN, failed, PLAN, plan, readyFacts, success } from './factsBuilder';
import type { TenantFacts } from '../../src/readiness/facts';

function withPlans(plans: ReturnType<typeof plan>[]): TenantFacts {
  const base = readyFacts();
  if (!base.me.ok) {
    throw new Error('builder');
  }
  return readyFacts({ me: success({ ...base.me.value, assignedPlans: plans }) });
}

describe('admin-license', () => {
  it('passes when the admin has an enabled SharePoint Online plan, naming it', () => {
    const result = adminLicenseCheck.evaluate(readyFacts());
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toContain(ADMIN_UPN);
    expect(result.evidence[0]).toContain('SHAREPOINTENTERPRISE');
  });

  it('fails when the admin only has Office for the web (SHAREPOINTWAC) and a OneDrive-only plan', () => {
    const result = adminLicenseCheck.evaluate(withPlans([plan(PLAN.SHAREPOINTWAC), plan(PLAN.ONEDRIVESTANDARD)]));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toContain('must have an Office 365 license');
    expect(result.nextStep).toContain(ADMIN_UPN);
    expect(result.who).toBe('global-admin');
  });

  it('fails when the SharePoint plan is assigned but suspended, and says so', () => {
    const result = adminLicenseCheck.evaluate(withPlans([plan(PLAN.SHAREPOINTENTERPRISE, 'Suspended')]));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toContain('SHAREPOINTENTERPRISE (Suspended)');
  });

  it('fails with no plans at all', () => {
    expect(adminLicenseCheck.evaluate(withPlans([])).status).toBe('fail');
  });

  it('is unknown when the signed-in user cannot be read', () => {
    const result = adminLicenseCheck.evaluate(readyFacts({ me: failed(0, 'NetworkError', 'Failed to fetch') }));
    expect(result.status).toBe('unknown');
    expect(result.evidence.join('\n')).toContain('No answer from the service');
  });
});
