import { adminRoleCheck } from '../../src/readiness/checks/admin-role';
import { ADMIN_UPN, failed, GLOBAL_ADMIN, readyFacts, SHAREPOINT_ADMIN, success, USER_ADMIN } from './factsBuilder';

describe('admin-role', () => {
  it('passes for a Global admin, who can do all 9 steps', () => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: success([SHAREPOINT_ADMIN, GLOBAL_ADMIN]) }));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toContain(ADMIN_UPN);
    expect(result.evidence[0]).toContain('all 9');
  });

  it('warns for a SharePoint admin only: steps 1–5, forward steps 6–9 to a Global admin', () => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: success([SHAREPOINT_ADMIN]), grants: success([]) }));
    expect(result.status).toBe('warn');
    expect(result.evidence[0]).toContain('steps 1–5');
    expect(result.nextStep).toContain('forward steps 6–9 to a Global admin');
    expect(result.who).toBe('global-admin');
    expect(result.links?.map((l) => l.href)).toContain('https://aka.ms/office365moverauth');
  });

  it('fails for a user with neither role, listing the roles seen', () => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: success([USER_ADMIN]) }));
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain('User Administrator');
    expect(result.evidence.join('\n')).toContain('Privileged Identity Management');
    expect(result.who).toBe('global-admin');
    expect(result.nextStep).toBeTruthy();
  });

  it('fails with "none" when the user has no roles', () => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: success([]) }));
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain('roles seen: none');
  });

  it('is unknown with a sign-in hint on 401', () => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: failed(401, 'InvalidAuthenticationToken', 'Access token has expired.') }));
    expect(result.status).toBe('unknown');
    expect(result.evidence.join('\n')).toContain('sign-in has expired');
    expect(result.nextStep).toMatch(/Reload the page/);
  });

  it('passes a SharePoint admin whose connector a Global admin already consented: nothing is left to forward', () => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: success([SHAREPOINT_ADMIN]) }));
    expect(result.status).toBe('pass');
    expect(result.evidence.join('\n')).toMatch(/already granted the connector tenant-wide consent/);
    expect(result.nextStep).toBeUndefined();
  });

  it('tells an admin who is only eligible (PIM) for Global admin to activate the role first', () => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: success([]), eligibleRoles: success([{ roleTemplateId: GLOBAL_ADMIN.roleTemplateId }]) }));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toContain('eligible for Global Administrator in Privileged Identity Management');
    expect(result.nextStep).toMatch(/^Activate Global Administrator in Privileged Identity Management/);
    expect(result.links?.[0]?.href).toMatch(/^https:\/\/entra\.microsoft\.com\//);
  });

  it('tells a SharePoint admin eligible for Global admin to activate it before steps 6–9', () => {
    const result = adminRoleCheck.evaluate(
      readyFacts({ myRoles: success([SHAREPOINT_ADMIN]), grants: success([]), eligibleRoles: success([{ roleTemplateId: GLOBAL_ADMIN.roleTemplateId }]) }),
    );
    expect(result.status).toBe('warn');
    expect(result.nextStep).toMatch(/Activate Global Administrator .* before steps 6–9/);
  });

  it.each([
    [failed(403, 'Authorization_RequestDenied', 'Insufficient privileges'), /Eligible \(PIM\) roles not checked: the read was refused \(HTTP 403, Authorization_RequestDenied\)/],
    [failed(400, 'AadPremiumLicenseRequired', 'The tenant needs to have Microsoft Entra ID P2'), /not checked: the tenant has no Microsoft Entra ID P2/],
  ])('says eligible roles were not checked, and why, when they cannot be read', (eligible, expected) => {
    const result = adminRoleCheck.evaluate(readyFacts({ myRoles: success([USER_ADMIN]), eligibleRoles: eligible }));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toMatch(expected);
  });
});
