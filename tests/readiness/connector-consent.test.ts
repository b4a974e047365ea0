import { connectorConsentCheck } from '../../src/readiness/checks/connector-consent';
import type { ConsentRow } from '../../src/readiness/check';
import { APP_ID, coveringGrants, failed, grant, noAppFacts, readyFacts, SP_ID, success, TENANT_ID } from './factsBuilder';

function row(rows: ConsentRow[] | undefined, scope: string): ConsentRow | undefined {
  return (rows || []).find((r) => r.scope === scope);
}

describe('connector-consent', () => {
  it('passes when tenant-wide grants cover every required scope, with the table and the links', () => {
    const result = connectorConsentCheck.evaluate(readyFacts());
    expect(result.status).toBe('pass');
    expect(result.consentTable).toHaveLength(3);
    expect(row(result.consentTable, 'SharePoint/AllSites.Manage')).toEqual({
      scope: 'SharePoint/AllSites.Manage',
      allows: 'Create, edit, and delete items and lists in all your site collections',
      detail: 'Create or delete document libraries and lists in all site collections on your behalf.',
      required: true,
      grantedTenantWide: true,
      grantedPerUserOnly: false,
    });
    expect(row(result.consentTable, 'Microsoft Graph/User.Read')?.allows).toBe('View your basic profile');
    expect(row(result.consentTable, 'Microsoft Graph/offline_access')?.allows).toBe('Maintain access to data you have given it access to');
    const hrefs = (result.links || []).map((l) => l.href);
    expect(hrefs).toEqual([
      `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Permissions/objectId/${SP_ID}/appId/${APP_ID}`,
      `https://login.microsoftonline.com/${TENANT_ID}/adminconsent?client_id=${APP_ID}`,
      'https://aka.ms/office365moverauth',
    ]);
  });

  it('matches scopes case-insensitively and resources loosely ("SharePoint" ↔ "Office 365 SharePoint Online")', () => {
    const grants = [grant('AllPrincipals', 'spo', ['allsites.manage']), grant('AllPrincipals', 'graph', ['user.read', 'OFFLINE_ACCESS'])];
    expect(connectorConsentCheck.evaluate(readyFacts({ grants: success(grants) })).status).toBe('pass');
  });

  it('does not count the sign-in scopes openid/profile as "more than required"', () => {
    const grants = coveringGrants().concat([grant('AllPrincipals', 'graph', ['openid', 'profile'])]);
    const result = connectorConsentCheck.evaluate(readyFacts({ grants: success(grants) }));
    expect(result.status).toBe('pass');
    expect(row(result.consentTable, 'Microsoft Graph/openid')).toMatchObject({ required: false, grantedTenantWide: true });
  });

  it('fails when required scopes are granted per user only (what step 4 gives), with a Global admin next step', () => {
    const grants = [grant('Principal', 'spo', ['AllSites.Manage'], 'user-1'), grant('Principal', 'graph', ['User.Read', 'offline_access'], 'user-1')];
    const result = connectorConsentCheck.evaluate(readyFacts({ grants: success(grants) }));
    expect(result.status).toBe('fail');
    expect(result.who).toBe('global-admin');
    expect(result.nextStep).toContain('Grant admin consent');
    expect(result.evidence.join('\n')).toContain('Granted only per user (consent of 1 user(s) for themselves)');
    expect(result.evidence.join('\n')).toContain('not enough');
    expect(row(result.consentTable, 'SharePoint/AllSites.Manage')).toMatchObject({ grantedTenantWide: false, grantedPerUserOnly: true });
    expect((result.links || []).map((l) => l.href)).toContain('https://aka.ms/office365moverauth');
  });

  it('fails when a required scope is not granted at all, naming it', () => {
    const grants = [grant('AllPrincipals', 'graph', ['User.Read', 'offline_access'])];
    const result = connectorConsentCheck.evaluate(readyFacts({ grants: success(grants) }));
    expect(result.status).toBe('fail');
    expect(result.evidence.join('\n')).toContain('Not granted: SharePoint/AllSites.Manage.');
    expect(row(result.consentTable, 'SharePoint/AllSites.Manage')).toMatchObject({ grantedTenantWide: false, grantedPerUserOnly: false });
  });

  it('does not accept a SharePoint scope granted on Microsoft Graph', () => {
    const grants = [grant('AllPrincipals', 'graph', ['AllSites.Manage', 'User.Read', 'offline_access'])];
    expect(connectorConsentCheck.evaluate(readyFacts({ grants: success(grants) })).status).toBe('fail');
  });

  it('warns when tenant-wide grants include more than required, listing the extras as non-required rows', () => {
    const grants = coveringGrants().concat([grant('AllPrincipals', 'graph', ['Files.ReadWrite.All'])]);
    const result = connectorConsentCheck.evaluate(readyFacts({ grants: success(grants) }));
    expect(result.status).toBe('warn');
    expect(result.evidence.join('\n')).toContain('not required: Microsoft Graph/Files.ReadWrite.All');
    expect(row(result.consentTable, 'Microsoft Graph/Files.ReadWrite.All')).toMatchObject({
      required: false,
      grantedTenantWide: true,
      allows: "Not in the connector's documented permissions",
    });
    expect(result.who).toBe('global-admin');
  });

  it('fails when the connector app is missing, still showing the required rows', () => {
    const result = connectorConsentCheck.evaluate(noAppFacts());
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain('not in your tenant yet');
    expect(result.nextStep).toContain('steps 1–5');
    expect(result.consentTable?.map((r) => r.scope)).toEqual(['SharePoint/AllSites.Manage', 'Microsoft Graph/User.Read', 'Microsoft Graph/offline_access']);
    expect(result.consentTable?.every((r) => r.required && !r.grantedTenantWide && !r.grantedPerUserOnly)).toBe(true);
  });

  it('is unknown when the grants cannot be read (Directory.Read.All missing), with the table', () => {
    const result = connectorConsentCheck.evaluate(
      readyFacts({ grants: failed(403, 'Authorization_RequestDenied', 'Insufficient privileges', { missingScope: 'Directory.Read.All' }) })
    );
    expect(result.status).toBe('unknown');
    expect(result.nextStep).toContain('Directory.Read.All');
    expect(result.consentTable).toHaveLength(3);
  });

  it('is unknown when the app lookup fails', () => {
    const result = connectorConsentCheck.evaluate(readyFacts({ connectorApp: failed(429, 'TooManyRequests', 'Throttled', { retryAfterSeconds: 5 }) }));
    expect(result.status).toBe('unknown');
    expect(result.nextStep).toContain('5 seconds');
    expect(result.consentTable).toHaveLength(3);
  });

  it('is unknown when the app exists but its grants were not gathered', () => {
    const facts = readyFacts();
    delete facts.grants;
    const result = connectorConsentCheck.evaluate(facts);
    expect(result.status).toBe('unknown');
    expect(result.evidence[0]).toContain('not read');
  });

  it('uses the configured required scopes (defaults when none are configured)', () => {
    const facts = readyFacts({ grants: success([grant('AllPrincipals', 'graph', ['User.Read'])]) });
    facts.connector.requiredScopes = ['Microsoft Graph/User.Read'];
    expect(connectorConsentCheck.evaluate(facts).status).toBe('pass');
    facts.connector.requiredScopes = [];
    expect(connectorConsentCheck.evaluate(facts).status).toBe('fail');
  });
});
