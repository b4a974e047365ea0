/**
 * Plain-data builder for TenantFacts: `readyFacts()` is a tenant where every check passes; tests change one fact at a
 * time with the small helpers below. No mocks: the checks are pure functions over this data.
 */
import type {
  AppAssignment,
  AssignedPlan,
  CapabilityStatus,
  ConnectorApp,
  DirectoryRole,
  PermissionGrant,
  ScanState,
  SubscribedSku,
  TenantFacts,
} from '../../src/readiness/facts';
import { failure, success, type Failure } from '../../src/common/outcome';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const SP_ID = 'sp-object-id-0001';
export const APP_ID = 'd62121f3-e023-4972-b6b0-794190c0fd98';
export const ADMIN_UPN = 'megan@contoso.onmicrosoft.com';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const SPO_APP_ID = '00000003-0000-0ff1-ce00-000000000000';

export const PLAN = {
  SHAREPOINTSTANDARD: 'c7699d2e-19aa-44de-8edf-1736da088ca1',
  SHAREPOINTENTERPRISE: '5dbe027f-2339-4123-9542-606e4d348a72',
  SHAREPOINTWAC: 'e95bec33-7c88-4a70-8e19-b10bd9d0c014',
  ONEDRIVESTANDARD: '13696edf-5a08-49f6-8134-03083ed8ba30',
  EXCHANGE_S_ENTERPRISE: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
};

export const GLOBAL_ADMIN: DirectoryRole = { id: 'role-ga', displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10' };
export const SHAREPOINT_ADMIN: DirectoryRole = { id: 'role-spa', displayName: 'SharePoint Administrator', roleTemplateId: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c' };
export const USER_ADMIN: DirectoryRole = { id: 'role-ua', displayName: 'User Administrator', roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' };

export function sku(skuPartNumber: string, capabilityStatus: CapabilityStatus, planIds: Array<[string, string]>): SubscribedSku {
  return {
    skuId: `sku-${skuPartNumber}`,
    skuPartNumber,
    capabilityStatus,
    enabledUnits: 25,
    consumedUnits: 10,
    servicePlans: planIds.map(([servicePlanName, servicePlanId]) => ({ servicePlanId, servicePlanName })),
  };
}

export const E3 = (status: CapabilityStatus = 'Enabled'): SubscribedSku =>
  sku('ENTERPRISEPACK', status, [
    ['EXCHANGE_S_ENTERPRISE', PLAN.EXCHANGE_S_ENTERPRISE],
    ['SHAREPOINTENTERPRISE', PLAN.SHAREPOINTENTERPRISE],
    ['SHAREPOINTWAC', PLAN.SHAREPOINTWAC],
  ]);

export function plan(servicePlanId: string, capabilityStatus: string = 'Enabled', service: string = 'SharePoint'): AssignedPlan {
  return { servicePlanId, service, capabilityStatus };
}

export function connectorApp(overrides: Partial<ConnectorApp> = {}): ConnectorApp {
  return { servicePrincipalId: SP_ID, appId: APP_ID, displayName: 'Office 365 Mover', appRoleAssignmentRequired: true, ...overrides };
}

let grantCounter = 0;
export function grant(consentType: 'AllPrincipals' | 'Principal', resource: 'graph' | 'spo', scopes: string[], principalId?: string): PermissionGrant {
  grantCounter++;
  const g: PermissionGrant = {
    id: `grant-${grantCounter}`,
    consentType,
    resourceId: resource === 'graph' ? 'res-graph' : 'res-spo',
    resourceDisplayName: resource === 'graph' ? 'Microsoft Graph' : 'Office 365 SharePoint Online',
    resourceAppId: resource === 'graph' ? GRAPH_APP_ID : SPO_APP_ID,
    scopes,
  };
  if (principalId) {
    g.principalId = principalId;
  }
  return g;
}

/** Tenant-wide grants that cover the default required scopes exactly. */
export function coveringGrants(): PermissionGrant[] {
  return [grant('AllPrincipals', 'spo', ['AllSites.Manage']), grant('AllPrincipals', 'graph', ['User.Read', 'offline_access'])];
}

export function assignment(name: string, principalType: string = 'User'): AppAssignment {
  return { principalId: `id-${name}`, principalDisplayName: name, principalType };
}

export function doneScan(overrides: Partial<Extract<ScanState, { state: 'done' }>> = {}): ScanState {
  return {
    state: 'done',
    considered: 120,
    unprovisioned: 0,
    requested: 0,
    excluded: { guests: 4, disabled: 2, unlicensed: 7 },
    method: 'tenant-admin',
    ...overrides,
  } as ScanState;
}

export function failed(status: number, code: string, message: string, extra: Partial<Omit<Failure, 'ok' | 'status' | 'code' | 'message'>> = {}): Failure {
  return failure(status, code, message, extra);
}

/** Missing delegated permission, as the adapters report it. */
export const FORBIDDEN_SCOPE = (scope: string): Failure =>
  failed(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', { missingScope: scope });

/** A tenant where every check passes. */
export function readyFacts(overrides: Partial<TenantFacts> = {}): TenantFacts {
  return {
    connector: {
      displayName: 'Office 365 Mover',
      requiredScopes: ['SharePoint/AllSites.Manage', 'Microsoft Graph/User.Read', 'Microsoft Graph/offline_access'],
    },
    tenant: success({ id: TENANT_ID, displayName: 'Contoso', initialDomain: 'contoso.onmicrosoft.com' }),
    skus: success([E3()]),
    me: success({
      id: 'me-id',
      userPrincipalName: ADMIN_UPN,
      displayName: 'Megan Bowen',
      accountEnabled: true,
      assignedPlans: [plan(PLAN.SHAREPOINTENTERPRISE), plan(PLAN.EXCHANGE_S_ENTERPRISE, 'Enabled', 'exchange')],
    }),
    myRoles: success([GLOBAL_ADMIN]),
    eligibleRoles: success([]),
    adminOneDrive: success({ provisioned: true, url: 'https://contoso-my.sharepoint.com/personal/megan_contoso_onmicrosoft_com' }),
    connectorApp: success(connectorApp()),
    grants: success(coveringGrants()),
    assignments: success([assignment('Megan Bowen'), assignment('Migration team', 'Group')]),
    licensedUserCount: success(120),
    scan: doneScan(),
    ...overrides,
  };
}

/** Facts where the connector app does not exist yet (so grants and assignments were not read). */
export function noAppFacts(overrides: Partial<TenantFacts> = {}): TenantFacts {
  const facts = readyFacts({ connectorApp: success(undefined), ...overrides });
  if (!('grants' in overrides)) {
    delete facts.grants;
  }
  if (!('assignments' in overrides)) {
    delete facts.assignments;
  }
  return facts;
}

export { success };
