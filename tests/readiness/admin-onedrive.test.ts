import { adminOneDriveCheck } from '../../src/readiness/checks/admin-onedrive';
import { ADMIN_UPN, failed, readyFacts, success } from './factsBuilder';

describe('admin-onedrive', () => {
  it('passes when the admin has a OneDrive, showing its URL', () => {
    const result = adminOneDriveCheck.evaluate(readyFacts());
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toContain('https://contoso-my.sharepoint.com/personal/');
  });

  it('passes without a URL too', () => {
    expect(adminOneDriveCheck.evaluate(readyFacts({ adminOneDrive: success({ provisioned: true }) })).status).toBe('pass');
  });

  it('fails with the seed advice (set up the account: sign in and open OneDrive once)', () => {
    const result = adminOneDriveCheck.evaluate(readyFacts({ adminOneDrive: success({ provisioned: false }) }));
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain(ADMIN_UPN);
    expect(result.evidence.join('\n')).toContain('walked through the Office 365 setup process');
    expect(result.nextStep).toContain('open OneDrive once');
    expect(result.who).toBe('any-admin');
    expect(result.links?.[0]?.href).toBe('https://contoso-my.sharepoint.com');
  });

  it('is unknown on 404 with an explanation of what it likely means', () => {
    const result = adminOneDriveCheck.evaluate(readyFacts({ adminOneDrive: failed(404, 'ResourceNotFound', "User's mysite not found.") }));
    expect(result.status).toBe('unknown');
    expect(result.evidence.join('\n')).toContain("User's mysite not found.");
    expect(result.evidence.join('\n')).toContain('your OneDrive does not exist yet');
  });
});
