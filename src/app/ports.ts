/**
 * Ports of the application: what the pane needs from the tenant to gather the readiness facts, declared by the code
 * that needs them (gatherFacts, the controller). The PnPjs adapters in src/tenant implement them; tests hold the
 * in-memory fakes to the same contract (tests/contracts). The scan's own ports live in src/provisioning/ports.ts.
 */
import type { Outcome } from '../common/outcome';
import type {
  AppAssignment,
  ConnectorApp,
  ConnectorSettings,
  DirectoryRole,
  EligibleRole,
  OneDriveState,
  PermissionGrant,
  SignedInUser,
  SubscribedSku,
  TenantInfo,
} from '../readiness/facts';
import type { PersonalSitePages, ProvisioningLogStore, ProvisioningRequester, UserPageReader } from '../provisioning/ports';
import type { UserLookup } from '../migrationList/ports';
import type { PartitionPorts } from '../provisioning/scan/partitionedChains';

/** Directory reads (Microsoft Graph), the migration list's address lookups included. Every method answers an Outcome; none throws. */
export interface DirectoryReader extends UserPageReader, UserLookup {
  /** `GET /organization`: the tenant's id, name and initial domain. */
  getTenant(): Promise<Outcome<TenantInfo>>;
  /** `GET /subscribedSkus`: the tenant's subscriptions with their service plans. */
  getSubscribedSkus(): Promise<Outcome<SubscribedSku[]>>;
  /** `GET /me`: the signed-in admin with their assigned plans. */
  getSignedInUser(): Promise<Outcome<SignedInUser>>;
  /** `GET /me/transitiveMemberOf/microsoft.graph.directoryRole`: the admin's active directory roles. */
  getMyDirectoryRoles(): Promise<Outcome<DirectoryRole[]>>;
  /**
   * `GET /roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')`: roles the
   * admin is eligible for in PIM (RoleEligibilitySchedule.Read.Directory). Failure: 403 without the scope, 400
   * AadPremiumLicenseRequired without Entra ID P2.
   */
  getMyEligibleRoles(): Promise<Outcome<EligibleRole[]>>;
  /** Licensed, enabled member users, counted by the directory (`/users/$count`, ConsistencyLevel: eventual). */
  countLicensedEnabledMembers(): Promise<Outcome<number>>;
}

/** The connector's enterprise app and what it was granted (Microsoft Graph). */
export interface ConnectorAppReader {
  /** The connector's service principals: by app id when configured, else every one with the display name (may be []). */
  findConnectorApps(settings: ConnectorSettings): Promise<Outcome<ConnectorApp[]>>;
  /** Delegated permission grants of the service principal, each resource resolved to its name. */
  getPermissionGrants(servicePrincipalId: string): Promise<Outcome<PermissionGrant[]>>;
  /** Users and groups assigned to the app (`appRoleAssignedTo`). */
  getAssignments(servicePrincipalId: string): Promise<Outcome<AppAssignment[]>>;
}

/** OneDrive reads: the admin's own, the tenant-wide enumeration and the per-user fallback. */
export interface PersonalSiteReader extends PersonalSitePages {
  /** The signed-in admin's own OneDrive (read-only: never a call that provisions as a side effect). */
  getMyOneDrive(): Promise<Outcome<OneDriveState>>;
}

/** Every port the pane uses: the one bundle both composition roots build (src/tenant/tenantPorts.ts). */
export interface AppPorts {
  directory: DirectoryReader;
  connector: ConnectorAppReader;
  sites: PersonalSiteReader;
  requester: ProvisioningRequester;
  log: ProvisioningLogStore;
  /** The tenant admin URL as the admin knows it (for the PowerShell export), e.g. https://contoso-admin.sharepoint.com. */
  adminUrl: string;
  /** The hosts the adapters call, for the connection report (graph.microsoft.com, the hosting site, the admin host). */
  hosts: { graph: string; site: string; admin: string };
  /**
   * The scan's reads by prefix (users by UPN, sites by URL segment), when the adapters offer them: a fresh scan of a
   * large tenant then reads many short chains side by side (src/provisioning/scan/partitionedChains.ts).
   */
  partitions?: PartitionPorts;
}
