/**
 * Building blocks for tenant fixtures: the Contoso tenant, SKUs, roles, the connector app and its grants, and users
 * in Graph's shapes. Used by build-scenarios.ts (the JSON files in demo/scenarios) and by demo/generate.ts.
 * Everything is deterministic: ids come from a seeded PRNG, dates are fixed.
 */
import {
  CONNECTOR_APP_ID,
  CONNECTOR_DISPLAY_NAME,
  hasOneDrivePlan,
  RESOURCE_APP,
  ROLE_TEMPLATE,
  SHAREPOINTWAC_PLAN_ID,
} from './plans';
import { createRandom, randomGuid, type Random } from './prng';
import type {
  CheckExpectation,
  GraphAppRoleAssignment,
  GraphAssignedLicense,
  GraphAssignedPlan,
  GraphDirectoryRole,
  GraphOAuth2PermissionGrant,
  GraphServicePrincipal,
  GraphSubscribedSku,
  GraphUser,
  PersonalSiteFixture,
  SharePointFixture,
  SimulationSettings,
  TenantFixture,
} from './types';

import { CHECK_IDS } from '../../src/readiness/check';

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

export const TENANT = {
  id: '4f1c2a7e-9b3d-4e8a-a6c1-2d5b7e9f0c13',
  displayName: 'Contoso',
  initialDomain: 'contoso.onmicrosoft.com',
  sharePointHost: 'contoso',
} as const;

const DOMAIN = TENANT.initialDomain;
const ASSIGNED_AT = '2024-03-01T08:00:00Z';

/**
 * Service plans (real ids, from Microsoft's "Product names and service plan identifiers for licensing" reference,
 * MicrosoftDocs/entra-docs docs/identity/users/licensing-service-plan-reference.md).
 */
export const PLAN = {
  SHAREPOINTENTERPRISE: { id: '5dbe027f-2339-4123-9542-606e4d348a72', service: 'SharePoint' },
  SHAREPOINTWAC: { id: SHAREPOINTWAC_PLAN_ID, service: 'SharePoint' },
  /** SharePoint Plan 1 for EDU (Office 365 A1). */
  SHAREPOINTSTANDARD_EDU: { id: '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5', service: 'SharePoint' },
  /** Office for the web (Education). */
  SHAREPOINTWAC_EDU: { id: 'e03c7e47-402c-463c-ab25-949079bedb21', service: 'SharePoint' },
  /** SharePoint Kiosk (Microsoft 365 F1/F3): includes OneDrive. */
  SHAREPOINTDESKLESS: { id: '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9', service: 'SharePoint' },
  /** Exchange Online Kiosk. */
  EXCHANGE_S_DESKLESS: { id: '4a82b400-a79f-41a4-b4e2-e94f5787b113', service: 'exchange' },
  /** Skype for Business Online (Plan 1). */
  MCOIMP: { id: 'afc06cb0-b4f4-4473-8286-d644f70d8faf', service: 'MicrosoftCommunicationsOnline' },
  EXCHANGE_S_ENTERPRISE: { id: 'efb87545-963c-4e0d-99df-69c6916d9eb0', service: 'exchange' },
  EXCHANGE_S_STANDARD: { id: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', service: 'exchange' },
  TEAMS1: { id: '57ff2da0-773e-42df-b2af-ffb7a2317929', service: 'TeamspaceAPI' },
  MCOSTANDARD: { id: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c', service: 'MicrosoftCommunicationsOnline' },
  OFFICESUBSCRIPTION: { id: '43de0ff5-c92c-492b-9116-175376d08c38', service: 'MicrosoftOffice' },
  FLOW_P2_VIRAL: { id: '50e68c76-46c6-4674-81f9-75456511b170', service: 'MicrosoftFlow' },
} as const;
type PlanName = keyof typeof PLAN;

interface SkuDef {
  skuId: string;
  skuPartNumber: string;
  plans: PlanName[];
}

export const SKU = {
  /** Office 365 E3 */
  ENTERPRISEPACK: { skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', skuPartNumber: 'ENTERPRISEPACK', plans: ['SHAREPOINTENTERPRISE', 'SHAREPOINTWAC', 'EXCHANGE_S_ENTERPRISE', 'TEAMS1', 'MCOSTANDARD', 'OFFICESUBSCRIPTION'] },
  /** Exchange Online (Plan 1): no SharePoint at all. */
  EXCHANGESTANDARD: { skuId: '4b9405b0-7788-4568-add1-99614e613b69', skuPartNumber: 'EXCHANGESTANDARD', plans: ['EXCHANGE_S_STANDARD'] },
  /** Fictional SKU carrying only Office for the web (SHAREPOINTWAC): reports service "SharePoint" but is not SPO. */
  OFFICE_WEB_ONLY: { skuId: 'b1f0e9c2-3a4d-4c5e-8f60-7a1b2c3d4e5f', skuPartNumber: 'OFFICE_WEB_ONLY', plans: ['SHAREPOINTWAC'] },
  /** Power Automate Free (noise: no SharePoint). */
  FLOW_FREE: { skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d', skuPartNumber: 'FLOW_FREE', plans: ['FLOW_P2_VIRAL'] },
  /** Office 365 A1 for faculty (the plans of Microsoft's catalogue that matter here). */
  STANDARDWOFFPACK_FACULTY: {
    skuId: '94763226-9b3c-4e75-a931-5c89701abe66',
    skuPartNumber: 'STANDARDWOFFPACK_FACULTY',
    plans: ['EXCHANGE_S_STANDARD', 'SHAREPOINTSTANDARD_EDU', 'SHAREPOINTWAC_EDU', 'MCOSTANDARD', 'TEAMS1'],
  },
  /** Office 365 A1 for students. */
  STANDARDWOFFPACK_STUDENT: {
    skuId: '314c4481-f395-4525-be8b-2ec4bb1e9d91',
    skuPartNumber: 'STANDARDWOFFPACK_STUDENT',
    plans: ['EXCHANGE_S_STANDARD', 'SHAREPOINTSTANDARD_EDU', 'SHAREPOINTWAC_EDU', 'MCOSTANDARD', 'TEAMS1'],
  },
  /** Microsoft 365 F3 (part number SPE_F1). */
  SPE_F1: {
    skuId: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
    skuPartNumber: 'SPE_F1',
    plans: ['EXCHANGE_S_DESKLESS', 'SHAREPOINTDESKLESS', 'SHAREPOINTWAC', 'TEAMS1', 'MCOIMP'],
  },
} satisfies Record<string, SkuDef>;
export type SkuName = keyof typeof SKU;

/**
 * Service plans that give a user a OneDrive, by Microsoft's facts (DESIGN §4 and the licensing reference): SharePoint
 * Online plans (standard, enterprise, EDU, GOV, midmarket, lite, Kiosk/DESKLESS) and OneDrive plans. Office for the web
 * (SHAREPOINTWAC*) reports service "SharePoint" but is not one. Scenario counts use this, not the simulator's plans.ts.
 */
export const ONEDRIVE_PLAN_IDS: ReadonlySet<string> = new Set([
  'c7699d2e-19aa-44de-8edf-1736da088ca1', // SHAREPOINTSTANDARD
  '5dbe027f-2339-4123-9542-606e4d348a72', // SHAREPOINTENTERPRISE
  '63038b2c-28d0-45f6-bc36-33062963b498', // SHAREPOINTENTERPRISE_EDU
  '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5', // SHAREPOINTSTANDARD_EDU
  '153f85dd-d912-4762-af6c-d6e0fb4f6692', // SHAREPOINTENTERPRISE_GOV
  '6b5b6a67-fc72-4a1f-a2b5-beecf05de761', // SHAREPOINTENTERPRISE_MIDMARKET
  'a1f3d0a8-84c0-4ae0-bae4-685917b8ab48', // SHAREPOINTLITE
  '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9', // SHAREPOINTDESKLESS
  '13696edf-5a08-49f6-8134-03083ed8ba30', // ONEDRIVESTANDARD
  'afcafa6a-d966-4462-918c-ec0b4e0fe642', // ONEDRIVEENTERPRISE
  'da792a53-cbc0-4184-a10d-e544dd34b3c1', // ONEDRIVE_BASIC
]);

/** A licensed, enabled member whose Enabled assigned plans include one that gives a OneDrive (Microsoft's facts). */
export function shouldHaveOneDrive(u: GraphUser): boolean {
  return (
    u.accountEnabled &&
    u.userType === 'Member' &&
    u.assignedPlans.some((p) => p.capabilityStatus === 'Enabled' && ONEDRIVE_PLAN_IDS.has(p.servicePlanId))
  );
}

export function subscribedSku(name: SkuName, enabled: number, consumed: number, capabilityStatus = 'Enabled'): GraphSubscribedSku {
  const def: SkuDef = SKU[name];
  return {
    id: `${TENANT.id}_${def.skuId}`,
    accountId: TENANT.id,
    accountName: 'Contoso',
    appliesTo: 'User',
    capabilityStatus,
    consumedUnits: consumed,
    skuId: def.skuId,
    skuPartNumber: def.skuPartNumber,
    prepaidUnits: { enabled, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: def.plans.map((p) => ({ servicePlanId: PLAN[p].id, servicePlanName: p, provisioningStatus: 'Success', appliesTo: 'User' })),
  };
}

/** License a user gets: the SKUs (their plans become assignedPlans). */
export type LicenseKind = 'e3' | 'exchange-and-web' | 'exchange' | 'a1-faculty' | 'a1-student' | 'f3' | 'none';

const LICENSE_SKUS: Record<LicenseKind, SkuName[]> = {
  e3: ['ENTERPRISEPACK'],
  'exchange-and-web': ['EXCHANGESTANDARD', 'OFFICE_WEB_ONLY'],
  exchange: ['EXCHANGESTANDARD'],
  'a1-faculty': ['STANDARDWOFFPACK_FACULTY'],
  'a1-student': ['STANDARDWOFFPACK_STUDENT'],
  f3: ['SPE_F1'],
  none: [],
};

export interface UserSpec {
  displayName: string;
  /** Local part or full UPN; a bare local part gets @contoso.onmicrosoft.com. Case is kept. */
  upn: string;
  department?: string;
  jobTitle?: string;
  license?: LicenseKind;
  enabled?: boolean;
  guest?: boolean;
  /** Give the user a personal site (owner = lower-case UPN, as SharePoint reports it). */
  site?: boolean;
  /** Multi-Geo preferredDataLocation (e.g. "EUR"); with `satellite`, the site lives on that geo's my host. */
  preferredDataLocation?: string;
  /** The user's site is in a satellite geo: https://contoso<geo>-my.sharepoint.com (needs preferredDataLocation). */
  satellite?: boolean;
}

export interface BuiltUser {
  user: GraphUser;
  site?: PersonalSiteFixture;
}

/** A personal site URL; with `geo`, on that satellite geo's my host (https://contoso<geo>-my.sharepoint.com). */
export function personalSiteUrl(upn: string, geo?: string): string {
  const host = `${TENANT.sharePointHost}${geo ? geo.toLowerCase() : ''}`;
  return `https://${host}-my.sharepoint.com/personal/${upn.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
}

/** Assigned plans and licenses per license kind: built once, the plan objects are shared between users (read-only). */
const LICENSE_SHAPES = new Map<LicenseKind, { plans: readonly GraphAssignedPlan[]; licenses: readonly GraphAssignedLicense[] }>();

function licenseShape(license: LicenseKind): { plans: readonly GraphAssignedPlan[]; licenses: readonly GraphAssignedLicense[] } {
  let shape = LICENSE_SHAPES.get(license);
  if (!shape) {
    const skus = LICENSE_SKUS[license];
    const plans: GraphAssignedPlan[] = [];
    for (const s of skus) {
      for (const p of SKU[s].plans as readonly PlanName[]) {
        plans.push(Object.freeze({ assignedDateTime: ASSIGNED_AT, capabilityStatus: 'Enabled', service: PLAN[p].service, servicePlanId: PLAN[p].id }));
      }
    }
    const licenses = skus.map((s) => Object.freeze({ skuId: SKU[s].skuId, disabledPlans: [] as string[] }));
    shape = { plans, licenses };
    LICENSE_SHAPES.set(license, shape);
  }
  return shape;
}

export function makeUser(spec: UserSpec, random: Random): BuiltUser {
  const upn = spec.upn.includes('@') ? spec.upn : `${spec.upn}@${DOMAIN}`;
  const shape = licenseShape(spec.license ?? 'e3');
  const [given, ...rest] = spec.displayName.split(' ');
  const user: GraphUser = {
    id: randomGuid(random),
    userPrincipalName: upn,
    mail: spec.guest ? upn.split('#EXT#')[0]?.replace(/_([^_]+)$/, '@$1') ?? upn : upn,
    displayName: spec.displayName,
    givenName: given ?? spec.displayName,
    surname: rest.join(' ') || null,
    jobTitle: spec.jobTitle ?? null,
    department: spec.department ?? null,
    accountEnabled: spec.enabled ?? true,
    userType: spec.guest ? 'Guest' : 'Member',
    usageLocation: 'US',
    assignedLicenses: [...shape.licenses],
    assignedPlans: [...shape.plans],
  };
  if (spec.preferredDataLocation !== undefined) user.preferredDataLocation = spec.preferredDataLocation;
  const built: BuiltUser = { user };
  if (spec.site) built.site = { owner: upn.toLowerCase(), url: personalSiteUrl(upn, spec.satellite ? spec.preferredDataLocation : undefined) };
  return built;
}

/** The same user shapes the fixture checks use: licensed (SPO/OneDrive plan), enabled, member. */
export function isConsideredForOneDrive(u: GraphUser): boolean {
  return u.accountEnabled && u.userType === 'Member' && hasOneDrivePlan(u.assignedPlans);
}

// ------------------------------------------------------------------------------------------- directory & connector

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

// ------------------------------------------------------------------------------------------------ whole fixture

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

// ------------------------------------------------------------------------------------------------------- people

export const ADMIN: UserSpec = { displayName: 'MOD Administrator', upn: 'admin', department: 'IT', jobTitle: 'Microsoft 365 administrator', site: true };

/** The named demo users, including the edge cases every scenario should carry. */
export const NAMED_USERS: UserSpec[] = [
  // Mixed-case UPN; SharePoint reports the site owner in lower case.
  { displayName: 'Adele Vance', upn: 'Adele.Vance', department: 'Retail', jobTitle: 'Retail Manager', site: true },
  { displayName: 'Alex Wilber', upn: 'AlexW', department: 'Marketing', jobTitle: 'Marketing Assistant', site: true },
  { displayName: 'Megan Bowen', upn: 'MeganB', department: 'Marketing', jobTitle: 'Marketing Manager', site: true },
  { displayName: 'Isaiah Langer', upn: 'IsaiahL', department: 'Sales', jobTitle: 'Sales Rep', site: true },
  { displayName: 'Lynne Robbins', upn: 'LynneR', department: 'Retail', jobTitle: 'Planner', site: true },
  { displayName: 'Nestor Wilke', upn: 'NestorW', department: 'Operations', jobTitle: 'Director', site: true },
  { displayName: 'Patti Fernandez', upn: 'PattiF', department: 'Executive Management', jobTitle: 'President', site: true },
  { displayName: 'Pradeep Gupta', upn: 'PradeepG', department: 'Finance', jobTitle: 'Accountant', site: true },
  { displayName: 'Lee Gu', upn: 'LeeG', department: 'Manufacturing', jobTitle: 'Director', site: true },
  { displayName: 'Diego Siciliani', upn: 'DiegoS', department: 'HR', jobTitle: 'HR Manager', site: true },
  { displayName: 'Grady Archie', upn: 'GradyA', department: 'R&D', jobTitle: 'Designer', site: true },
  { displayName: 'Henrietta Mueller', upn: 'HenriettaM', department: 'R&D', jobTitle: 'Developer', site: true },
  { displayName: 'Johanna Lorenz', upn: 'JohannaL', department: 'Engineering', jobTitle: 'Senior Engineer', site: true },
  { displayName: 'Joni Sherman', upn: 'JoniS', department: 'Legal', jobTitle: 'Paralegal', site: true },
  { displayName: 'Lidia Holloway', upn: 'LidiaH', department: 'Engineering', jobTitle: 'Product Manager', site: true },
  { displayName: 'Miriam Graham', upn: 'MiriamG', department: 'Sales & Marketing', jobTitle: 'Director', site: true },
  // Apostrophe in the address (PowerShell quoting, OData literals).
  { displayName: "Liam O'Brien", upn: "liam.o'brien", department: 'Finance', jobTitle: 'Controller', site: true },
  // Unicode display names.
  { displayName: 'Zoë Ångström-Müller', upn: 'zoe.angstrom', department: 'Legal', jobTitle: 'Counsel', site: true },
  { displayName: '李娜', upn: 'li.na', department: 'Sales', jobTitle: 'Account Executive', site: true },
];

/** Users that the OneDrive check excludes: a guest, a disabled (but licensed) account, an unlicensed member. */
export const EXCLUDED_USERS: UserSpec[] = [
  { displayName: 'Kai Müller (Fabrikam)', upn: `kai.mueller_fabrikam.com#EXT#@${DOMAIN}`, guest: true, license: 'none' },
  { displayName: 'Former Employee', upn: 'former.employee', department: 'Sales', enabled: false },
  { displayName: 'Conference Room A', upn: 'room.a', license: 'none' },
];

export function scenarioRandom(name: string): Random {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return createRandom(h >>> 0);
}

// ---------------------------------------------------------------------------------------- generated populations

const FIRST = [
  'Aaliyah', 'Aarav', 'Abigail', 'Adrian', 'Aiko', 'Alejandro', 'Amara', 'Amelia', 'Andrei', 'Anika', 'Ava', 'Benjamin',
  'Bianca', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Dmitri', 'Elena', 'Elif', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Grace',
  'Hannah', 'Hiroshi', 'Ingrid', 'Isabella', 'Ivan', 'Jamal', 'Jana', 'Javier', 'Jin', 'Kamala', 'Kenji', 'Lars', 'Leila',
  'Lucas', 'Maya', 'Mateo', 'Mei', 'Mohammed', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rafael', 'Rania', 'Sakura',
  'Samuel', 'Sofia', 'Søren', 'Tariq', 'Thandiwe', 'Tomás', 'Valentina', 'Wei', 'Yusuf', 'Zara', 'Zoë',
];
const LAST = [
  'Abara', 'Andersen', 'Bauer', 'Becker', 'Chowdhury', 'Costa', 'Dubois', 'Eriksson', 'Fernández', 'Fischer', 'García',
  'Gonzalez', 'Haddad', 'Hansen', 'Ito', 'Ivanova', 'Jensen', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Li', 'López', 'Martin',
  'Mensah', 'Müller', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', "O'Connor", 'Olsen', 'Patel', 'Pereira', 'Petrov', 'Rossi',
  'Sato', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Van der Berg', 'Wagner', 'Wang', 'Weber', 'Yamamoto',
  'Yilmaz', 'Zhang',
];
export const DEPARTMENTS = [
  'Sales', 'Marketing', 'Finance', 'HR', 'Legal', 'IT', 'Operations', 'Engineering', 'R&D', 'Retail', 'Customer Success',
  'Manufacturing',
];

const SLUGS = new Map<string, string>();

function asciiSlug(s: string): string {
  const cached = SLUGS.get(s);
  if (cached !== undefined) return cached;
  const slug = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/[^A-Za-z0-9']/g, '')
    .toLowerCase();
  SLUGS.set(s, slug);
  return slug;
}

export type PopulationKind = 'provisioned' | 'unprovisioned' | 'guest' | 'disabled' | 'unlicensed';

/** A generated person: realistic name, department, a UPN unique through `serial`. */
export function generatedUserSpec(random: Random, serial: number, kind: PopulationKind): UserSpec {
  const first = FIRST[Math.floor(random() * FIRST.length)] ?? 'Alex';
  const last = LAST[Math.floor(random() * LAST.length)] ?? 'Smith';
  const department = DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)] ?? 'Sales';
  const local = `${asciiSlug(first)}.${asciiSlug(last)}${serial}`;
  switch (kind) {
    case 'guest':
      return { displayName: `${first} ${last} (Partner)`, upn: `${local.replace(/'/g, '')}_partner.example#EXT#@${DOMAIN}`, guest: true, license: 'none' };
    case 'disabled':
      return { displayName: `${first} ${last}`, upn: local, department, enabled: false };
    case 'unlicensed':
      return { displayName: `${first} ${last}`, upn: local, department, license: 'none' };
    case 'unprovisioned':
      return { displayName: `${first} ${last}`, upn: local, department };
    case 'provisioned':
      return { displayName: `${first} ${last}`, upn: local, department, site: true };
  }
}

/** Fisher–Yates with the given PRNG. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}
