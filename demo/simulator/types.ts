/**
 * The tenant fixture: one JSON document whose collections are Microsoft Graph resources in Graph's own shapes,
 * plus the SharePoint side and the simulation knobs. Documented in demo/simulator/README.md; validated against
 * demo/tenant.schema.json. Graph resources may carry further Graph properties (they are returned as given).
 */

export type CheckExpectation = 'pass' | 'warn' | 'fail' | 'unknown';

export interface ScenarioInfo {
  name: string;
  description: string;
  /** Expected status per check id (see src/readiness/check.ts CHECK_IDS). */
  expected: Record<string, CheckExpectation>;
  /** Licensed, enabled member users without a personal site. */
  unprovisionedCount?: number;
}

export interface TenantInfoFixture {
  /** Entra tenant id (GUID). */
  id: string;
  displayName: string;
  /** e.g. contoso.onmicrosoft.com */
  initialDomain: string;
  /** e.g. "contoso": personal sites live on https://contoso-my.sharepoint.com. */
  sharePointHost: string;
  /**
   * Multi-Geo: the default geo location (e.g. "NAM"). When set, users whose preferredDataLocation is another geo get
   * their personal site on that satellite geo's my host (https://<host><geo>-my.sharepoint.com), and the (default
   * geo's) admin host does not list those sites.
   */
  defaultDataLocation?: string;
  /**
   * Whether the tenant has Microsoft Entra ID P2 (or ID Governance), which PIM's APIs require. Default: derived from
   * subscribedSkus (an enabled SKU carrying the AAD_PREMIUM_P2 service plan).
   */
  entraIdP2?: boolean;
}

/** Graph assignedLicense. */
export interface GraphAssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

/** Graph assignedPlan.capabilityStatus (Graph docs, assignedPlan resource type). */
export type AssignedPlanCapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';

/** Graph assignedPlan. */
export interface GraphAssignedPlan {
  assignedDateTime: string;
  /** 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut' */
  capabilityStatus: string;
  service: string;
  servicePlanId: string;
}

/** Graph user (subset the simulator understands; further Graph properties are kept and returned on $select). */
export interface GraphUser {
  id: string;
  userPrincipalName: string;
  mail?: string | null;
  displayName: string;
  department?: string | null;
  accountEnabled: boolean;
  /** 'Member' | 'Guest' */
  userType: string;
  assignedLicenses: GraphAssignedLicense[];
  assignedPlans: GraphAssignedPlan[];
  /** Multi-Geo preferred data location, e.g. "EUR", "NAM" (returned on $select). */
  preferredDataLocation?: string | null;
  [property: string]: unknown;
}

/** Graph servicePlanInfo.provisioningStatus (Graph docs, servicePlanInfo resource type). */
export type ServicePlanProvisioningStatus = 'Success' | 'Disabled' | 'Error' | 'PendingInput' | 'PendingActivation' | 'PendingProvisioning';

export interface GraphServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  /** 'Success' | 'Disabled' | 'Error' | 'PendingInput' | 'PendingActivation' | 'PendingProvisioning' */
  provisioningStatus?: string;
  appliesTo?: string;
}

/** Graph subscribedSku. */
export interface GraphSubscribedSku {
  id?: string;
  skuId: string;
  skuPartNumber: string;
  /** 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut' */
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended?: number; warning?: number; lockedOut?: number };
  servicePlans: GraphServicePlanInfo[];
  [property: string]: unknown;
}

/** Graph organization. */
export interface GraphOrganization {
  id: string;
  displayName: string;
  [property: string]: unknown;
}

/** Graph directoryRole. */
export interface GraphDirectoryRole {
  id: string;
  displayName: string;
  roleTemplateId: string;
  description?: string;
  [property: string]: unknown;
}

/** Graph servicePrincipal. */
export interface GraphServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoleAssignmentRequired: boolean;
  servicePrincipalType?: string;
  [property: string]: unknown;
}

/** Graph oAuth2PermissionGrant. */
export interface GraphOAuth2PermissionGrant {
  id: string;
  /** Object id of the client service principal. */
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  /** Object id of the resource service principal. */
  resourceId: string;
  /** Space-separated delegated scopes. */
  scope: string;
  [property: string]: unknown;
}

/** Graph appRoleAssignment. */
export interface GraphAppRoleAssignment {
  id: string;
  appRoleId: string;
  principalDisplayName: string;
  principalId: string;
  principalType: string;
  resourceDisplayName: string;
  /** Object id of the service principal the assignment is to (appRoleAssignedTo of that SP). */
  resourceId: string;
  [property: string]: unknown;
}

export interface PersonalSiteFixture {
  /** Owner login (UPN) as SharePoint reports it; matched case-insensitively against users' UPNs. */
  owner: string;
  url: string;
  /** Optional title; defaults to the owner's display name. */
  title?: string;
}

/**
 * CreatePersonalSiteEnqueueBulk: 'ok' queues; 'access-denied-200' answers HTTP 200 with the access-denied body;
 * 'forbidden' answers 403; 'ignored' answers 200 and nothing is ever created; 'bearer-refused' answers 403 to a
 * bearer-token call and works (as 'ok') from the hosting site's cookie session.
 */
export type EnqueueBehaviour = 'ok' | 'access-denied-200' | 'forbidden' | 'ignored' | 'bearer-refused';

/**
 * The tenant admin host: 'ok'; 'cors-blocked' (no CORS headers: a browser sees a network error; a client without an
 * Origin header gets its connection closed without an answer); 'unauthorized' (every request → 401).
 */
export type AdminHostMode = 'ok' | 'cors-blocked' | 'unauthorized';

/** Graph's answer to `$select=mySite` for a user without a personal site. */
export type MySiteMissing = 'null' | 'not-found' | 'unknown-error';

export interface ListFixture {
  title: string;
  /** Default 100 (generic list). */
  baseTemplate?: number;
  fields?: string[];
  items?: Array<Record<string, unknown>>;
}

export interface SharePointFixture {
  personalSites: PersonalSiteFixture[];
  enqueueBehaviour: EnqueueBehaviour;
  /** Delay from enqueue to site creation; default 5000; 0 = visible on the next request. */
  provisioningDelayMs?: number;
  /** Whether lists can be created on the hosting site; default true. */
  canCreateLists?: boolean;
  /** Lists that already exist on the hosting site (/sp/sites/migration). */
  lists?: ListFixture[];
  /** Default 'ok'. */
  adminHost?: AdminHostMode;
  /** Default 'not-found'. */
  mySiteMissing?: MySiteMissing;
  /** User id → status: `$select=mySite` for that user fails with "Unable to retrieve user's mysite URL." */
  mySiteErrors?: Record<string, 400 | 500>;
}

/** Graph unifiedRoleEligibilityScheduleInstance (PIM: an eligible, not active, directory role). */
export interface GraphRoleEligibilityScheduleInstance {
  id: string;
  principalId: string;
  /** Role template id, e.g. Global Administrator 62e90394-69f5-4237-9190-012177145e10. */
  roleDefinitionId: string;
  directoryScopeId: string;
  startDateTime: string;
  endDateTime?: string | null;
  [property: string]: unknown;
}

export type FaultStatus = 429 | 500 | 502 | 503 | 504 | 507 | 401 | 403 | 404;

export interface FaultRule {
  /**
   * "METHOD /path-prefix" (method may be "*"), "/path-prefix" (any method) or "*" (everything). The prefix is matched
   * case-insensitively against the path+query relative to /graph/v1.0 (Graph) or to the site (SharePoint,
   * e.g. "POST /_api/contextinfo"), and also against the full server path (e.g. "POST /sp-admin/_api/").
   */
  match: string;
  status: FaultStatus;
  /** Probability 0..1 that a matching request fails; default 1. */
  rate?: number;
  /** Apply at most this many times. */
  times?: number;
  /** For 429/503: Retry-After seconds (default 5 for 429). */
  retryAfterSeconds?: number;
  /** 'access-denied-200': answer HTTP 200 with SharePoint's access-denied error body instead of `status`. */
  body?: 'access-denied-200';
  /**
   * true: the request is processed first (a POST's writes happen: sites are enqueued, list items created), then
   * answered with `status` (500, 502, 503 or 504) — the answer a client cannot tell from "not processed", so a client
   * that sends the write again duplicates it.
   */
  afterProcessing?: boolean;
}

/** The paged reads whose answers `simulation.pagingFaults` can bend. */
export type PagedCollection = 'users' | 'personalSites' | 'oauth2PermissionGrants';

/**
 * How a page is bent (README "Paging faults"): 'cycle' links page N+1 back to page N; 'foreign-host' points page N's
 * next link to https://foreign.invalid/… (Graph only); 'duplicate-page' serves page N twice under two different
 * links; 'missing-upn' drops userPrincipalName (users) or Owner (personal sites) from page N's items; 'invalid-json'
 * cuts page N's body in half; 'error-body-200' answers page N with HTTP 200 and an error body; 'stall' (Graph only)
 * links page N to itself under a new link every time it is served (bounded by `times`, else endless).
 */
export type PagingFaultKind = 'cycle' | 'foreign-host' | 'duplicate-page' | 'missing-upn' | 'invalid-json' | 'error-body-200' | 'stall';

export interface PagingFault {
  collection: PagedCollection;
  kind: PagingFaultKind;
  /** 1-based page number, counted by position (offset / page size + 1). */
  page: number;
  /** Bend at most this many answers (default: every time the page is served). */
  times?: number;
}

export interface RandomErrors {
  /** Probability 0..1 per request (and per $batch item). */
  rate: number;
  seed: number;
  /** Retry-After for random 429s; default 5. */
  retryAfterSeconds?: number;
}

export interface RateLimitWindow {
  units: number;
  windowSeconds: number;
}

export interface SimulationSettings {
  latencyMs?: number;
  /**
   * Page sizes: personal sites per CSOM page (default 300); the largest page the service returns for `/users` and
   * `/oauth2PermissionGrants` whatever `$top` asks (default: `$top`, else 100).
   */
  pageSizes?: { personalSites?: number; users?: number; oauth2PermissionGrants?: number };
  rateLimit?: { graph?: RateLimitWindow; sharepoint?: RateLimitWindow };
  /**
   * How the CSOM personal-site Filter's `Url -like` matches (README "CSOM"): 'substring' (default: Microsoft's own
   * OneDrive example `Url -like '-my.sharepoint.com/personal/'` has no wildcard) or 'pattern' (the whole URL against a
   * wildcard pattern, case-insensitive, as MicrosoftDocs/OfficeDocs-SharePoint#2793 reports: no `*`, no match).
   */
  csomLikeMatch?: 'substring' | 'pattern';
  faults?: FaultRule[];
  randomErrors?: RandomErrors;
  /** Bent paging answers (README "Paging faults"). */
  pagingFaults?: PagingFault[];
}

export interface TenantFixture {
  $schema?: string;
  scenario?: ScenarioInfo;
  tenant: TenantInfoFixture;
  /** Graph user id of the signed-in admin (the one the bearer token belongs to). */
  signedInUserId: string;
  /**
   * Delegated scopes approved for the SPFx web app principal. Plain names are Microsoft Graph scopes ("User.Read.All");
   * SharePoint scopes are written "SharePoint/<scope>" ("SharePoint/AllSites.FullControl"). See README.
   */
  grantedScopes: string[];
  organization: GraphOrganization;
  subscribedSkus: GraphSubscribedSku[];
  users: GraphUser[];
  directoryRoles: GraphDirectoryRole[];
  /** directoryRole id → member user ids. */
  directoryRoleMembers: Record<string, string[]>;
  servicePrincipals: GraphServicePrincipal[];
  oauth2PermissionGrants: GraphOAuth2PermissionGrant[];
  appRoleAssignments: GraphAppRoleAssignment[];
  /** PIM eligible role assignments (GET /roleManagement/directory/roleEligibilityScheduleInstances). */
  roleEligibilityScheduleInstances?: GraphRoleEligibilityScheduleInstance[];
  sharePoint: SharePointFixture;
  simulation?: SimulationSettings;
}
