/* eslint-disable @rushstack/no-new-null -- these types describe Graph's JSON, which uses null for absent values. */
/** Microsoft Graph resource shapes, as returned (only the properties we select). Used inside src/tenant only. */
export interface GraphServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus?: string;
  appliesTo?: string;
}

export interface GraphSubscribedSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  consumedUnits?: number;
  prepaidUnits?: { enabled?: number };
  servicePlans?: GraphServicePlanInfo[];
}

export interface GraphAssignedPlan {
  servicePlanId: string;
  service: string;
  capabilityStatus: string;
}

/** A licence assigned to a user (directly or through a group). */
export interface GraphAssignedLicense {
  skuId: string;
  disabledPlans?: string[];
}

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  mail?: string | null;
  displayName?: string | null;
  department?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  assignedPlans?: GraphAssignedPlan[];
  assignedLicenses?: GraphAssignedLicense[];
  mySite?: string | null;
  preferredDataLocation?: string | null;
}

export interface GraphOrganization {
  id: string;
  displayName: string;
  verifiedDomains?: { name: string; isInitial?: boolean; isDefault?: boolean }[];
}

export interface GraphDirectoryRole {
  id: string;
  displayName: string;
  roleTemplateId: string;
}

/** unifiedRoleEligibilityScheduleInstance (the properties read). */
export interface GraphRoleEligibility {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId?: string;
  endDateTime?: string | null;
}

export interface GraphServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoleAssignmentRequired?: boolean;
  /** The tenant that owns the app registration (the publisher's tenant for a multi-tenant app). */
  appOwnerOrganizationId?: string | null;
  publisherName?: string | null;
  verifiedPublisher?: { displayName?: string | null; verifiedPublisherId?: string | null } | null;
}

export interface GraphPermissionGrant {
  id: string;
  clientId: string;
  consentType: string;
  principalId?: string | null;
  resourceId: string;
  scope?: string | null;
}

export interface GraphAppRoleAssignment {
  /** The assignment's own id (absent from answers that did not select it). */
  id?: string;
  principalId: string;
  principalDisplayName?: string | null;
  principalType?: string | null;
}
