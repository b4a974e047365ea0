import { connectorSettingsFrom } from '../../src/webparts/migrationReadiness/settings';
import { adminUrlFor } from '../../src/tenant/clients';

describe('web part properties → connector settings', () => {
  it('defaults to the Office 365 Mover app and the seed permissions', () => {
    const settings = connectorSettingsFrom({});
    expect(settings.displayName).toBe('Office 365 Mover');
    expect(settings.appId).toBeUndefined();
    expect(settings.requiredScopes).toEqual(['SharePoint/AllSites.Manage', 'Microsoft Graph/User.Read', 'Microsoft Graph/offline_access']);
  });

  it('takes an app id, a name and one scope per line, trimmed', () => {
    const settings = connectorSettingsFrom({ connectorAppId: ' abc ', connectorDisplayName: ' Other ', requiredScopes: 'SharePoint/AllSites.Read\n\n Microsoft Graph/User.Read ' });
    expect(settings).toEqual({ appId: 'abc', displayName: 'Other', requiredScopes: ['SharePoint/AllSites.Read', 'Microsoft Graph/User.Read'] });
  });
});

describe('the tenant admin host', () => {
  it.each([
    ['https://contoso.sharepoint.com/sites/admin', 'https://contoso-admin.sharepoint.com'],
    ['https://contoso-my.sharepoint.com/personal/adele', 'https://contoso-admin.sharepoint.com'],
    ['https://fabrikam.sharepoint.us/sites/x', 'https://fabrikam-admin.sharepoint.us'],
  ])('%s → %s', (site, admin) => {
    expect(adminUrlFor(site)).toBe(admin);
  });
});
