/**
 * Licensing in Graph's shapes: service plans and SKUs (real ids), which plans give a OneDrive (Microsoft's facts), the
 * tenant's subscribed SKUs and the assigned plans and licenses of each kind of user license.
 */
import { SHAREPOINTWAC_PLAN_ID } from '../plans';
import type { GraphAssignedLicense, GraphAssignedPlan, GraphSubscribedSku, GraphUser } from '../types';
import { ASSIGNED_AT, TENANT } from './tenant';

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

/** Assigned plans and licenses per license kind: built once, the plan objects are shared between users (read-only). */
const LICENSE_SHAPES = new Map<LicenseKind, { plans: readonly GraphAssignedPlan[]; licenses: readonly GraphAssignedLicense[] }>();

export function licenseShape(license: LicenseKind): { plans: readonly GraphAssignedPlan[]; licenses: readonly GraphAssignedLicense[] } {
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
