/**
 * Building blocks for tenant fixtures: the Contoso tenant, SKUs, roles, the connector app and its grants, and users
 * in Graph's shapes. Used by build-scenarios.ts (the JSON files in demo/scenarios) and by demo/generate.ts.
 * Everything is deterministic: ids come from a seeded PRNG, dates are fixed.
 *
 * This file holds the expectations and buildFixture (a whole fixture from its parts); the parts are in kit/:
 * tenant.ts, licenses.ts (plans, SKUs, who gets a OneDrive), directory.ts (roles, service principals, consent,
 * assignments) and people.ts (users, named and generated). Everything is re-exported here.
 */
import type { CheckExpectation, GraphSubscribedSku, PersonalSiteFixture, SharePointFixture, SimulationSettings, TenantFixture } from './types';
import {
  connectorAssignments,
  DEFAULT_GRANTED_SCOPES,
  directoryRoles,
  permissionGrants,
  ROLE_IDS,
  servicePrincipals,
  type ConsentKind,
} from './kit/directory';
import type { BuiltUser } from './kit/people';
import { DOMAIN, TENANT } from './kit/tenant';

import { CHECK_IDS } from '../../src/readiness/check';

export { TENANT } from './kit/tenant';
export {
  ONEDRIVE_PLAN_IDS,
  PLAN,
  shouldHaveOneDrive,
  SKU,
  subscribedSku,
  type LicenseKind,
  type SkuName,
} from './kit/licenses';
export {
  connectorAssignments,
  DEFAULT_GRANTED_SCOPES,
  directoryRoles,
  permissionGrants,
  ROLE_IDS,
  servicePrincipals,
  SP_IDS,
  type ConsentKind,
} from './kit/directory';
export {
  ADMIN,
  DEPARTMENTS,
  EXCLUDED_USERS,
  generatedUserSpec,
  isConsideredForOneDrive,
  makeUser,
  NAMED_USERS,
  personalSiteUrl,
  scenarioRandom,
  shuffle,
  type BuiltUser,
  type PopulationKind,
  type UserSpec,
} from './kit/people';
export { CHECK_IDS };
export type ScenarioCheckId = (typeof CHECK_IDS)[number];
export type Expectations = Record<ScenarioCheckId, CheckExpectation>;

export const ALL_PASS: Expectations = {
  'tenant-spo-license': 'pass',
  'admin-role': 'pass',
  'admin-license': 'pass',
  'admin-onedrive': 'pass',
  'connector-app': 'pass',
  'connector-consent': 'pass',
  'connector-user-assignment': 'pass',
  'connector-user-count': 'pass',
  'users-onedrive': 'pass',
};

export interface FixtureOptions {
  name: string;
  description: string;
  expected: Expectations;
  unprovisionedCount?: number;
  /** users[0] is the signed-in admin. */
  users: BuiltUser[];
  adminRole: 'global' | 'sharepoint' | 'none';
  skus: GraphSubscribedSku[];
  connector?: boolean;
  consent?: ConsentKind;
  assignmentRequired?: boolean;
  /** Extra sites beyond the users' own (e.g. a leftover site of an unlicensed admin). */
  extraSites?: PersonalSiteFixture[];
  sharePoint?: Partial<Omit<SharePointFixture, 'personalSites'>>;
  simulation?: SimulationSettings;
  grantedScopes?: string[];
}

export function buildFixture(o: FixtureOptions): TenantFixture {
  const admin = o.users[0];
  if (!admin) throw new Error('buildFixture: users[0] must be the signed-in admin');
  const users = o.users.map((b) => b.user);
  const sites = o.users.flatMap((b) => (b.site ? [b.site] : [])).concat(o.extraSites ?? []);
  const members: Record<string, string[]> = {
    [ROLE_IDS.globalAdministrator]: o.adminRole === 'global' ? [admin.user.id] : [],
    [ROLE_IDS.sharePointAdministrator]: o.adminRole === 'sharepoint' ? [admin.user.id] : [],
    [ROLE_IDS.globalReader]: [],
  };
  const connector = o.connector ?? true;
  const assignees = users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== admin.user.id).slice(0, 3);
  const fixture: TenantFixture = {
    $schema: '../tenant.schema.json',
    scenario: {
      name: o.name,
      description: o.description,
      expected: { ...o.expected },
      ...(o.unprovisionedCount !== undefined ? { unprovisionedCount: o.unprovisionedCount } : {}),
    },
    tenant: { ...TENANT },
    signedInUserId: admin.user.id,
    grantedScopes: o.grantedScopes ?? [...DEFAULT_GRANTED_SCOPES],
    organization: {
      id: TENANT.id,
      displayName: TENANT.displayName,
      countryLetterCode: 'US',
      tenantType: 'AAD',
      verifiedDomains: [
        { name: DOMAIN, isDefault: true, isInitial: true, type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' },
      ],
    },
    subscribedSkus: o.skus,
    users,
    directoryRoles: directoryRoles(),
    directoryRoleMembers: members,
    servicePrincipals: servicePrincipals({ connector, assignmentRequired: o.assignmentRequired ?? true }),
    oauth2PermissionGrants: connector ? permissionGrants(o.consent ?? 'tenant-wide', assignees.slice(0, 2).map((u) => u.id)) : permissionGrants('none', []),
    appRoleAssignments: connector ? connectorAssignments(assignees) : [],
    sharePoint: {
      personalSites: sites,
      enqueueBehaviour: 'ok',
      provisioningDelayMs: 5000,
      canCreateLists: true,
      ...o.sharePoint,
    },
  };
  if (o.simulation) fixture.simulation = o.simulation;
  return fixture;
}
