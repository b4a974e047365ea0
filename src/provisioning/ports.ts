/**
 * Ports: the narrow interfaces the product needs from the tenant. The PnPjs adapters in graph/ and sharepoint/
 * implement them against Microsoft 365 (or the demo tenant simulator: same HTTP, other base URLs).
 * Nothing outside src/tenant knows about HTTP, PnPjs or Graph DTO shapes.
 */
import type {
  AppAssignment,
  ConnectorApp,
  ConnectorSettings,
  DirectoryRole,
  OneDriveState,
  PermissionGrant,
  SignedInUser,
  SubscribedSku,
  TenantInfo,
} from '../readiness/facts';
import type { Outcome } from './outcome';

/** A directory user as the OneDrive scan needs it. */
export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  mail?: string;
  displayName: string;
  department?: string;
  accountEnabled: boolean;
  /** 'Member' | 'Guest' */
  userType: string;
  /** Enabled service plan ids from assignedPlans (capabilityStatus Enabled). */
  enabledPlanIds: string[];
}

/** One page of a paged read. `next` continues it; undefined on the last page. */
export interface Page<T> {
  items: T[];
  /** Opaque continuation (a nextLink or start index), so an interrupted scan can resume from here. */
  next?: string;
  /** Total count when the service tells it (e.g. @odata.count), for progress. */
  totalEstimate?: number;
}

/** A personal site (OneDrive) as the tenant admin enumeration reports it. */
export interface PersonalSite {
  /** Owner login / email as SharePoint reports it (compare case-insensitively). */
  owner: string;
  url: string;
}

export interface DirectoryReader {
  getTenant(): Promise<Outcome<TenantInfo>>;
  getSubscribedSkus(): Promise<Outcome<SubscribedSku[]>>;
  getSignedInUser(): Promise<Outcome<SignedInUser>>;
  getMyDirectoryRoles(): Promise<Outcome<DirectoryRole[]>>;
  /** Licensed, enabled member users, counted by the directory. */
  countLicensedEnabledMembers(): Promise<Outcome<number>>;
  /** One page of users ($top=999, $select); pass the previous page's `next` to continue. */
  getUsersPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<DirectoryUser>>>;
}

export interface ConnectorAppReader {
  findConnectorApp(settings: ConnectorSettings): Promise<Outcome<ConnectorApp | undefined>>;
  getPermissionGrants(servicePrincipalId: string): Promise<Outcome<PermissionGrant[]>>;
  getAssignments(servicePrincipalId: string): Promise<Outcome<AppAssignment[]>>;
}

export interface PersonalSiteReader {
  /** The signed-in admin's own OneDrive (read-only: never a call that provisions as a side effect). */
  getMyOneDrive(): Promise<Outcome<OneDriveState>>;
  /** Tenant-wide personal-site enumeration (SharePoint admin). Pass the previous page's `next` to continue. */
  getPersonalSitesPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<PersonalSite>>>;
  /** Slow fallback: per-user reads (batched), keyed by user id. */
  getOneDriveStates(userIds: string[], signal?: AbortSignal): Promise<Outcome<Map<string, Outcome<OneDriveState>>>>;
}

export interface ProvisioningRequester {
  /** Enqueue personal-site creation for at most 199 addresses. A 200 whose body carries an error is a failure. */
  enqueue(emails: string[]): Promise<Outcome<void>>;
}

/** One provisioning request as recorded in the shared log. */
export interface ProvisioningLogEntry {
  id: string;
  requestedBy: string;
  requestedAt: string;
  emails: string[];
  result: 'enqueued' | 'failed';
  detail?: string;
}

export interface ProvisioningLogStore {
  /** Where the log lives: a SharePoint list on the hosting site, or this browser only. */
  readonly kind: 'sharepoint-list' | 'browser';
  load(): Promise<Outcome<ProvisioningLogEntry[]>>;
  append(entry: ProvisioningLogEntry): Promise<Outcome<void>>;
}
