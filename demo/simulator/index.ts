/**
 * Demo tenant simulator: a local HTTP server answering exactly the Microsoft Graph and SharePoint REST calls the
 * product's PnPjs adapters make, from one tenant fixture. See README.md in this folder.
 */
export { startSimulator } from './server';
export type { SimulatorOptions, RunningSimulator } from './server';
export type { OriginsMode } from './listeners';
export { SESSION_COOKIE_NAME, SESSION_COOKIE_VALUE, SESSION_SET_COOKIE } from './session';
export type { RequestLogEntry } from './context';
export { loadFixture, validateFixture, validateFaultRules, validatePagingFaults, SCHEMA_PATH } from './fixture';
export { FOREIGN_ORIGIN } from './pagingFaults';
export { SimulatorState } from './state';
export type { PersonalSiteRecord, PendingSite, SimList } from './state';
export type {
  TenantFixture,
  FaultRule,
  FaultStatus,
  PagingFault,
  PagingFaultKind,
  PagedCollection,
  RandomErrors,
  RateLimitWindow,
  SimulationSettings,
  ScenarioInfo,
  CheckExpectation,
  GraphUser,
  GraphSubscribedSku,
  GraphServicePrincipal,
  GraphOAuth2PermissionGrant,
  GraphAppRoleAssignment,
  GraphDirectoryRole,
  GraphOrganization,
  PersonalSiteFixture,
  SharePointFixture,
  EnqueueBehaviour,
  AdminHostMode,
  MySiteMissing,
  GraphRoleEligibilityScheduleInstance,
  AssignedPlanCapabilityStatus,
  ServicePlanProvisioningStatus,
} from './types';
