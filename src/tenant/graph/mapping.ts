/** Graph DTO → domain mapping. The only place that knows Graph's shapes. */
import type { AppAssignment, AssignedPlan, CapabilityStatus, ConnectorApp, DirectoryRole, EligibleRole, PermissionGrant, SignedInUser, SubscribedSku, TenantInfo } from '../../readiness/facts';
import type { DirectoryUser } from '../../provisioning/ports';
import type { GraphAppRoleAssignment, GraphDirectoryRole, GraphOrganization, GraphPermissionGrant, GraphRoleEligibility, GraphServicePrincipal, GraphSubscribedSku, GraphUser } from './dto';

const CAPABILITY: CapabilityStatus[] = ['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut'];

function capability(value: string): CapabilityStatus {
  for (const known of CAPABILITY) {
    if (known.toLowerCase() === value.toLowerCase()) {
      return known;
    }
  }
  return 'Suspended';
}

/** Graph subscribedSku → SubscribedSku (plan ids lower-cased; provisioningStatus kept). */
export function toSku(dto: GraphSubscribedSku): SubscribedSku {
  return {
    skuId: dto.skuId,
    skuPartNumber: dto.skuPartNumber,
    capabilityStatus: capability(dto.capabilityStatus),
    enabledUnits: dto.prepaidUnits?.enabled ?? 0,
    consumedUnits: dto.consumedUnits ?? 0,
    servicePlans: (dto.servicePlans ?? []).map((plan) => ({
      servicePlanId: plan.servicePlanId.toLowerCase(),
      servicePlanName: plan.servicePlanName,
      ...(plan.provisioningStatus ? { provisioningStatus: plan.provisioningStatus } : {}),
    })),
  };
}

/** Graph assignedPlans → AssignedPlan[] (ids lower-cased; capabilityStatus kept). */
export function toAssignedPlans(plans: GraphUser['assignedPlans']): AssignedPlan[] {
  return (plans ?? []).map((plan) => ({ servicePlanId: plan.servicePlanId.toLowerCase(), service: plan.service, capabilityStatus: plan.capabilityStatus }));
}

/** Graph user (/me) → SignedInUser. */
export function toSignedInUser(dto: GraphUser): SignedInUser {
  return {
    id: dto.id,
    userPrincipalName: dto.userPrincipalName,
    displayName: dto.displayName ?? dto.userPrincipalName,
    accountEnabled: dto.accountEnabled !== false,
    assignedPlans: toAssignedPlans(dto.assignedPlans),
  };
}

/**
 * Graph user → DirectoryUser, with the plan ids its licensing grants (src/tenant/graph/userLicenses.ts tells them from
 * assignedLicenses or assignedPlans); preferredDataLocation kept for Multi-Geo.
 */
export function toDirectoryUser(dto: GraphUser, enabledPlanIds: ReadonlyArray<string>): DirectoryUser {
  // Assigned one by one rather than spread: a million users would make four short-lived objects each.
  const user: DirectoryUser = {
    id: dto.id,
    userPrincipalName: dto.userPrincipalName,
    displayName: dto.displayName ?? dto.userPrincipalName,
    accountEnabled: dto.accountEnabled !== false,
    userType: dto.userType ?? 'Member',
    enabledPlanIds,
  };
  if (dto.mail) {
    user.mail = dto.mail;
  }
  if (dto.department) {
    user.department = dto.department;
  }
  if (dto.preferredDataLocation) {
    user.preferredDataLocation = dto.preferredDataLocation;
  }
  return user;
}

/** Graph organization → TenantInfo (the initial *.onmicrosoft.com domain). */
export function toTenantInfo(dto: GraphOrganization): TenantInfo {
  const domains = dto.verifiedDomains ?? [];
  const initial = domains.filter((d) => d.isInitial)[0] ?? domains[0];
  return { id: dto.id, displayName: dto.displayName, initialDomain: initial ? initial.name : '' };
}

/** Graph organization → its verified domain names, lower case (names missing or empty are left out). */
export function toVerifiedDomains(dto: GraphOrganization): string[] {
  const names: string[] = [];
  for (const domain of dto.verifiedDomains ?? []) {
    if (domain && typeof domain.name === 'string' && domain.name.trim().length > 0) {
      names.push(domain.name.trim().toLowerCase());
    }
  }
  return names;
}

/** Graph directoryRole → DirectoryRole. */
export function toDirectoryRole(dto: GraphDirectoryRole): DirectoryRole {
  return { id: dto.id, displayName: dto.displayName, roleTemplateId: dto.roleTemplateId.toLowerCase() };
}

/** Graph servicePrincipal → ConnectorApp, with what tells same-named apps apart (owner tenant, publisher). */
export function toConnectorApp(dto: GraphServicePrincipal): ConnectorApp {
  const app: ConnectorApp = { servicePrincipalId: dto.id, appId: dto.appId, displayName: dto.displayName, appRoleAssignmentRequired: dto.appRoleAssignmentRequired === true };
  if (dto.appOwnerOrganizationId) {
    app.ownerTenantId = dto.appOwnerOrganizationId;
  }
  const publisher = (dto.verifiedPublisher && dto.verifiedPublisher.displayName) || dto.publisherName;
  if (publisher) {
    app.publisher = publisher;
  }
  if (dto.verifiedPublisher && dto.verifiedPublisher.displayName) {
    app.verifiedPublisher = true;
  }
  return app;
}

/** Graph oAuth2PermissionGrant → PermissionGrant (space-separated scope split; resource named when resolved). */
export function toPermissionGrant(dto: GraphPermissionGrant, resource: GraphServicePrincipal | undefined): PermissionGrant {
  return {
    id: dto.id,
    consentType: dto.consentType === 'AllPrincipals' ? 'AllPrincipals' : 'Principal',
    ...(dto.principalId ? { principalId: dto.principalId } : {}),
    resourceId: dto.resourceId,
    resourceDisplayName: resource ? resource.displayName : dto.resourceId,
    resourceAppId: resource ? resource.appId : '',
    scopes: (dto.scope ?? '').split(' ').filter((s) => s.length > 0),
  };
}

/** Graph appRoleAssignment → AppAssignment. */
export function toAssignment(dto: GraphAppRoleAssignment): AppAssignment {
  return { principalId: dto.principalId, principalDisplayName: dto.principalDisplayName ?? dto.principalId, principalType: dto.principalType ?? 'User' };
}

/** Graph unifiedRoleEligibilityScheduleInstance → EligibleRole (built-in roles: definition id = template id). */
export function toEligibleRole(dto: GraphRoleEligibility): EligibleRole {
  return { roleTemplateId: dto.roleDefinitionId, ...(dto.endDateTime ? { endDateTime: dto.endDateTime } : {}) };
}
