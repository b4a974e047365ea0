import {
  adminConsentUrl,
  API_ACCESS_PAGE,
  entraPermissionsBladeUrl,
  MOVER_AUTH_SHORT_LINK,
  oneDriveHostUrl,
  sharePointAdminHost,
  tenantIdForLogin,
} from '../../src/readiness/links';
import { failed, success } from './factsBuilder';

describe('links', () => {
  it('builds the admin consent URL and encodes ids', () => {
    expect(adminConsentUrl('contoso.onmicrosoft.com', 'abc')).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=abc');
    expect(adminConsentUrl('t/1', 'a&b=c')).toBe('https://login.microsoftonline.com/t%2F1/adminconsent?client_id=a%26b%3Dc');
  });

  it('builds the Entra permissions blade URL and encodes ids', () => {
    expect(entraPermissionsBladeUrl('sp 1', 'app#2')).toBe(
      'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Permissions/objectId/sp%201/appId/app%232'
    );
  });

  it('has the seed short link', () => {
    expect(MOVER_AUTH_SHORT_LINK).toBe('https://aka.ms/office365moverauth');
  });

  it('points at API access on the admin host, or via the Microsoft 365 admin center', () => {
    expect(API_ACCESS_PAGE('contoso-admin.sharepoint.com')).toBe('https://contoso-admin.sharepoint.com/_layouts/15/online/AdminHome.aspx#/webApiPermissionManagement');
    expect(API_ACCESS_PAGE()).toBe('https://admin.microsoft.com/sharepoint?page=webApiPermissionManagement&modern=true');
  });

  it('derives the SharePoint hosts from the initial domain only', () => {
    const tenant = success({ id: 'x', displayName: 'Contoso', initialDomain: 'Contoso.onmicrosoft.com' });
    expect(sharePointAdminHost(tenant)).toBe('contoso-admin.sharepoint.com');
    expect(oneDriveHostUrl(tenant)).toBe('https://contoso-my.sharepoint.com');
    expect(sharePointAdminHost(success({ id: 'x', displayName: 'C', initialDomain: 'contoso.com' }))).toBeUndefined();
    expect(sharePointAdminHost(success({ id: 'x', displayName: 'C', initialDomain: '.onmicrosoft.com' }))).toBeUndefined();
    expect(sharePointAdminHost(failed(500, 'x', 'y'))).toBeUndefined();
  });

  it('uses "organizations" for login URLs when the tenant id is unknown', () => {
    expect(tenantIdForLogin(failed(500, 'x', 'y'))).toBe('organizations');
    expect(tenantIdForLogin(success({ id: 'tid', displayName: '', initialDomain: '' }))).toBe('tid');
  });
});
