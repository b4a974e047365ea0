import { analyzeConsent } from '../../src/readiness/consent';
import {
  canonicalResource,
  DEFAULT_CONNECTOR_DISPLAY_NAME,
  DEFAULT_REQUIRED_SCOPES,
  describeScope,
  parseScope,
  requiredScopesOf,
} from '../../src/readiness/requiredScopes';
import { GRAPH_APP_ID, grant } from './factsBuilder';

describe('required scopes', () => {
  it('defaults to the seed table', () => {
    expect(DEFAULT_REQUIRED_SCOPES).toEqual(['SharePoint/AllSites.Manage', 'Microsoft Graph/User.Read', 'Microsoft Graph/offline_access']);
    expect(DEFAULT_CONNECTOR_DISPLAY_NAME).toBe('Office 365 Mover');
    expect(requiredScopesOf(DEFAULT_REQUIRED_SCOPES).map((r) => describeScope(r)?.permission)).toEqual([
      'Create, edit, and delete items and lists in all your site collections',
      'View your basic profile',
      'Maintain access to data you have given it access to',
    ]);
  });

  it('parses "<resource>/<scope>", resource URLs and bare scopes (Microsoft Graph)', () => {
    expect(parseScope('SharePoint/AllSites.Manage')).toMatchObject({ resource: 'SharePoint', scope: 'AllSites.Manage', label: 'SharePoint/AllSites.Manage' });
    expect(parseScope('https://graph.microsoft.com/User.Read')).toMatchObject({ resource: 'Microsoft Graph', scope: 'User.Read' });
    expect(parseScope('User.Read')).toMatchObject({ resource: 'Microsoft Graph', label: 'Microsoft Graph/User.Read' });
    expect(parseScope('Contoso API/access_as_user')).toMatchObject({ resource: 'Contoso API', scope: 'access_as_user' });
  });

  it('canonicalizes resources loosely and by app id', () => {
    expect(canonicalResource('Office 365 SharePoint Online')).toBe('SharePoint');
    expect(canonicalResource('anything', GRAPH_APP_ID)).toBe('Microsoft Graph');
    expect(canonicalResource('Graph')).toBe('Microsoft Graph');
    expect(canonicalResource('Windows Azure Active Directory')).toBe('Windows Azure Active Directory');
  });

  it('de-duplicates and falls back to the defaults for an empty setting', () => {
    expect(requiredScopesOf(['Graph/User.Read', 'Microsoft Graph/user.read']).map((r) => r.label)).toEqual(['Microsoft Graph/User.Read']);
    expect(requiredScopesOf([]).length).toBe(3);
    expect(requiredScopesOf(['  ']).length).toBe(3);
  });

  it('matches a custom resource by display name', () => {
    const g = { ...grant('AllPrincipals', 'graph', ['access_as_user']), resourceDisplayName: 'Contoso API', resourceAppId: 'contoso-app' };
    expect(analyzeConsent(['Contoso API/access_as_user'], [g]).covered).toBe(true);
    expect(analyzeConsent(['contoso-app/access_as_user'], [g]).covered).toBe(true);
  });

  it('counts distinct per-user consenters', () => {
    const grants = [grant('Principal', 'graph', ['User.Read'], 'a'), grant('Principal', 'spo', ['AllSites.Manage'], 'a'), grant('Principal', 'graph', ['User.Read'], 'b')];
    const analysis = analyzeConsent(undefined, grants);
    expect(analysis.perUserConsenters).toBe(2);
    expect(analysis.perUserOnly).toEqual(['SharePoint/AllSites.Manage', 'Microsoft Graph/User.Read']);
    expect(analysis.notGranted).toEqual(['Microsoft Graph/offline_access']);
  });
});
