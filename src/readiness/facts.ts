/**
 * TenantFacts: everything the checks need, gathered once by the adapters (src/tenant) and then
 * evaluated by pure functions (src/readiness/checks). Domain types only: Graph DTOs are mapped at the adapter edge.
 */
import type { Outcome } from '../common/outcome';

export type CapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  /**
   * The plan's state inside the SKU (Graph servicePlanInfo.provisioningStatus): "Success" is the only state in which
   * the service works; "Disabled", "PendingInput", "PendingActivation", "PendingProvisioning" and "Error" do not.
   * Absent when the service did not say (treated as Success: Graph always sends it).
   */
  provisioningStatus?: string;
}

/** A subscribed SKU of the tenant (Graph subscribedSku). */
export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: CapabilityStatus;
  enabledUnits: number;
  consumedUnits: number;
  servicePlans: ServicePlan[];
}

/** A plan assigned to a user (Graph assignedPlan). */
export interface AssignedPlan {
  servicePlanId: string;
  service: string;
  capabilityStatus: string;
}

export interface TenantInfo {
  id: string;
  displayName: string;
  /** e.g. contoso.onmicrosoft.com */
  initialDomain: string;
}

export interface SignedInUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  assignedPlans: AssignedPlan[];
}

export interface DirectoryRole {
  id: string;
  displayName: string;
  roleTemplateId: string;
}

/** A directory role the signed-in admin may activate (PIM eligibility). */
export interface EligibleRole {
  /** Built-in roles: the role template id (e.g. Global Administrator 62e90394-…). */
  roleTemplateId: string;
  /** When the eligibility ends, if it does (ISO 8601). */
  endDateTime?: string;
}

export interface OneDriveState {
  provisioned: boolean;
  /** The personal site URL when provisioned. */
  url?: string;
}

/** Which connector app to look for, and what it needs. Set in the property pane (or preview flags). */
export interface ConnectorSettings {
  /** Application (client) id of the connector's app registration, when known. */
  appId?: string;
  /** Display name of the enterprise app, e.g. "Office 365 Mover". Used when appId is empty. */
  displayName: string;
  /** Delegated scopes the connector needs, as "<resource>/<scope>" e.g. "SharePoint/AllSites.Manage", "Microsoft Graph/User.Read". */
  requiredScopes: string[];
}

/** The connector's enterprise app (service principal) as found in the tenant. */
export interface ConnectorApp {
  servicePrincipalId: string;
  appId: string;
  displayName: string;
  appRoleAssignmentRequired: boolean;
  /** The tenant that owns the app registration (appOwnerOrganizationId), when Graph gives it. */
  ownerTenantId?: string;
  /** The publisher's name (verified publisher, else publisherName), when Graph gives it. */
  publisher?: string;
  /** The publisher is verified in Microsoft Entra. */
  verifiedPublisher?: boolean;
}

/**
 * A service principal that matched the connector's display name when more than one did: display names are not unique
 * in Microsoft Entra, so each match is listed with what tells them apart and what was granted to it.
 */
export interface ConnectorCandidate {
  app: ConnectorApp;
  /** Tenant-wide (AllPrincipals) grants exist for it; undefined when they could not be read. */
  tenantWideGrants?: boolean;
  /** Users and groups assigned to it; undefined when they could not be read. */
  assignments?: number;
}

/** One delegated permission grant of the connector (Graph oAuth2PermissionGrant), resource resolved to a name. */
export interface PermissionGrant {
  id: string;
  consentType: 'AllPrincipals' | 'Principal';
  /** Set for consentType Principal: who consented for themselves. */
  principalId?: string;
  /** Resource service principal object id. */
  resourceId: string;
  /** Resource display name, e.g. "Microsoft Graph", "Office 365 SharePoint Online" (resolved by the adapter). */
  resourceDisplayName: string;
  /** Resource app id, e.g. 00000003-0000-0000-c000-000000000000 for Microsoft Graph. */
  resourceAppId: string;
  scopes: string[];
}

/** Who is assigned to the connector app (Graph appRoleAssignment on appRoleAssignedTo). */
export interface AppAssignment {
  principalId: string;
  principalDisplayName: string;
  principalType: string;
}

/** A wait the transport is in: the service throttled (429/503) or failed a request, and it is sent again later. */
export interface ScanWait {
  /** The HTTP status that made it wait. */
  status: number;
  /** How long it waits, in seconds (rounded up). */
  seconds: number;
  /** Whether Microsoft 365 said how long (Retry-After); false for a backoff of our own. */
  asked: boolean;
  /** When it sends again (ISO 8601). */
  until: string;
}

/** What an interrupted scan had read before it stopped. */
export interface ScanPartial {
  /** Directory users read (each once). */
  usersSeen: number;
  /** The directory's own count of users, when it gave one. */
  usersTotal?: number;
  /** Licensed, enabled members among them. */
  considered: number;
}

/** Progress and result of the tenant-wide OneDrive scan (src/provisioning), as the users-onedrive check sees it. */
export type ScanState =
  | { state: 'idle' }
  | {
      state: 'running';
      pagesDone: number;
      pagesEstimated?: number;
      usersSeen: number;
      /** The scan is waiting because Microsoft 365 throttled or failed a request: until when, and why. */
      waiting?: ScanWait;
    }
  | {
      state: 'failed';
      reason: import('../common/outcome').Failure;
      /** What was read before it stopped: never a whole count, shown as incomplete. */
      partial?: ScanPartial;
    }
  | {
      state: 'done';
      /** licensed, enabled member users considered */
      considered: number;
      /** considered users without a personal site and not yet requested */
      unprovisioned: number;
      /** considered users without a site whose provisioning was requested and is pending */
      requested: number;
      /** considered users whose OneDrive state could not be told (counted apart, never as unprovisioned) */
      undetermined: number;
      /** why they could not be told (the first error), when there are any */
      undeterminedReason?: import('../common/outcome').Failure;
      excluded: { guests: number; disabled: number; unlicensed: number };
      method: 'tenant-admin' | 'per-user';
      /** Why the slower per-user method was used, when it was. */
      methodNotice?: string;
    };

/**
 * Everything gathered in one pass. `grants` and `assignments` are undefined when there is no connector app to read
 * them for (no app → nothing to read; the consent check then fails because the app is missing).
 */
export interface TenantFacts {
  connector: ConnectorSettings;
  tenant: Outcome<TenantInfo>;
  skus: Outcome<SubscribedSku[]>;
  me: Outcome<SignedInUser>;
  myRoles: Outcome<DirectoryRole[]>;
  /**
   * Roles the admin is eligible for in Privileged Identity Management but has not activated (transitiveMemberOf lists
   * active roles only). A failure when they cannot be read (scope not approved, no Entra ID P2).
   */
  eligibleRoles: Outcome<EligibleRole[]>;
  adminOneDrive: Outcome<OneDriveState>;
  /** value undefined: no service principal matches the connector settings. The one evaluated when several match. */
  connectorApp: Outcome<ConnectorApp | undefined>;
  /** Every match when the display name matched more than one service principal (the ambiguity is a warning). */
  connectorCandidates?: ConnectorCandidate[];
  /** Why `connectorApp` was chosen among the candidates. */
  connectorChoice?: 'tenant-wide-grants' | 'assignments' | 'first-match';
  grants?: Outcome<PermissionGrant[]>;
  assignments?: Outcome<AppAssignment[]>;
  /** Licensed, enabled member users as counted by the directory ($count with ConsistencyLevel: eventual). */
  licensedUserCount: Outcome<number>;
  scan: ScanState;
}
