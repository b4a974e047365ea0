/**
 * Directory objects of the tenant and the connector: directory roles, service principals (Microsoft Graph, SharePoint
 * Online, the SPFx web app, the migration connector), delegated permission grants (consent) and the connector's app
 * role assignments.
 */
import { CONNECTOR_APP_ID, CONNECTOR_DISPLAY_NAME, RESOURCE_APP, ROLE_TEMPLATE } from '../plans';
import type { GraphAppRoleAssignment, GraphDirectoryRole, GraphOAuth2PermissionGrant, GraphServicePrincipal, GraphUser } from '../types';
import { ASSIGNED_AT, TENANT } from './tenant';

export const ROLE_IDS = {
  globalAdministrator: '9d2e6c1a-3f4b-4a5c-8d7e-1f2a3b4c5d01',
  sharePointAdministrator: '9d2e6c1a-3f4b-4a5c-8d7e-1f2a3b4c5d02',
  globalReader: '9d2e6c1a-3f4b-4a5c-8d7e-1f2a3b4c5d03',
} as const;

export function directoryRoles(): GraphDirectoryRole[] {
  return [
    {
      id: ROLE_IDS.globalAdministrator,
      displayName: 'Global Administrator',
      roleTemplateId: ROLE_TEMPLATE.globalAdministrator,
      description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    },
    {
      id: ROLE_IDS.sharePointAdministrator,
      displayName: 'SharePoint Administrator',
      roleTemplateId: ROLE_TEMPLATE.sharePointAdministrator,
      description: 'Can manage all aspects of the SharePoint service.',
    },
    {
      id: ROLE_IDS.globalReader,
      displayName: 'Global Reader',
      roleTemplateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
      description: 'Can read everything that a Global Administrator can, but not update anything.',
    },
  ];
}

export const SP_IDS = {
  graph: '7a1e5f3c-2b4d-4c6e-9f80-a1b2c3d4e501',
  sharePoint: '7a1e5f3c-2b4d-4c6e-9f80-a1b2c3d4e502',
  spfxWebApp: '7a1e5f3c-2b4d-4c6e-9f80-a1b2c3d4e503',
  connector: '7a1e5f3c-2b4d-4c6e-9f80-a1b2c3d4e504',
} as const;

export function servicePrincipals(options: { connector: boolean; assignmentRequired: boolean }): GraphServicePrincipal[] {
  const sps: GraphServicePrincipal[] = [
    {
      id: SP_IDS.graph,
      appId: RESOURCE_APP.microsoftGraph,
      displayName: 'Microsoft Graph',
      appDisplayName: 'Microsoft Graph',
      appRoleAssignmentRequired: false,
      accountEnabled: true,
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    },
    {
      id: SP_IDS.sharePoint,
      appId: RESOURCE_APP.sharePointOnline,
      displayName: 'Office 365 SharePoint Online',
      appDisplayName: 'Office 365 SharePoint Online',
      appRoleAssignmentRequired: false,
      accountEnabled: true,
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    },
    {
      id: SP_IDS.spfxWebApp,
      appId: '2e5a1c7d-8f3b-4d9e-a0c1-b2d3e4f5a607',
      displayName: 'SharePoint Online Client Extensibility Web Application Principal',
      appDisplayName: 'SharePoint Online Client Extensibility Web Application Principal',
      appRoleAssignmentRequired: false,
      accountEnabled: true,
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: TENANT.id,
    },
  ];
  if (options.connector) {
    sps.push({
      id: SP_IDS.connector,
      appId: CONNECTOR_APP_ID,
      displayName: CONNECTOR_DISPLAY_NAME,
      appDisplayName: CONNECTOR_DISPLAY_NAME,
      appRoleAssignmentRequired: options.assignmentRequired,
      accountEnabled: true,
      servicePrincipalType: 'Application',
      publisherName: 'Mover',
      homepage: 'https://mover.io',
      appOwnerOrganizationId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    });
  }
  return sps;
}

/** Delegated scopes approved for the SPFx web app principal (fixture grantedScopes convention: see README). */
export const DEFAULT_GRANTED_SCOPES = [
  'User.Read',
  'User.Read.All',
  'Organization.Read.All',
  'Application.Read.All',
  'Directory.Read.All',
  'SharePoint/AllSites.FullControl',
];

export type ConsentKind = 'tenant-wide' | 'per-user-only' | 'none';

export function permissionGrants(consent: ConsentKind, perUserPrincipalIds: readonly string[]): GraphOAuth2PermissionGrant[] {
  const grants: GraphOAuth2PermissionGrant[] = [
    {
      // What the SharePoint admin center "API access" approvals create for SPFx (not the connector's).
      id: 'spfx-graph-allprincipals',
      clientId: SP_IDS.spfxWebApp,
      consentType: 'AllPrincipals',
      principalId: null,
      resourceId: SP_IDS.graph,
      scope: 'User.Read User.Read.All Organization.Read.All Application.Read.All Directory.Read.All',
    },
  ];
  if (consent === 'tenant-wide') {
    grants.push(
      { id: 'mover-sharepoint-allprincipals', clientId: SP_IDS.connector, consentType: 'AllPrincipals', principalId: null, resourceId: SP_IDS.sharePoint, scope: 'AllSites.Manage' },
      { id: 'mover-graph-allprincipals', clientId: SP_IDS.connector, consentType: 'AllPrincipals', principalId: null, resourceId: SP_IDS.graph, scope: 'openid profile User.Read offline_access' },
    );
  } else if (consent === 'per-user-only') {
    for (const [i, principalId] of perUserPrincipalIds.entries()) {
      grants.push(
        { id: `mover-sharepoint-principal-${i + 1}`, clientId: SP_IDS.connector, consentType: 'Principal', principalId, resourceId: SP_IDS.sharePoint, scope: 'AllSites.Manage' },
        { id: `mover-graph-principal-${i + 1}`, clientId: SP_IDS.connector, consentType: 'Principal', principalId, resourceId: SP_IDS.graph, scope: 'openid profile User.Read offline_access' },
      );
    }
  }
  return grants;
}

export function connectorAssignments(users: readonly GraphUser[]): GraphAppRoleAssignment[] {
  const out: GraphAppRoleAssignment[] = users.map((u, i) => ({
    id: `mover-assignment-user-${i + 1}`,
    appRoleId: '00000000-0000-0000-0000-000000000000',
    createdDateTime: ASSIGNED_AT,
    principalDisplayName: u.displayName,
    principalId: u.id,
    principalType: 'User',
    resourceDisplayName: CONNECTOR_DISPLAY_NAME,
    resourceId: SP_IDS.connector,
  }));
  out.push({
    id: 'mover-assignment-group-1',
    appRoleId: '00000000-0000-0000-0000-000000000000',
    createdDateTime: ASSIGNED_AT,
    principalDisplayName: 'Migration Team',
    principalId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    principalType: 'Group',
    resourceDisplayName: CONNECTOR_DISPLAY_NAME,
    resourceId: SP_IDS.connector,
  });
  return out;
}
