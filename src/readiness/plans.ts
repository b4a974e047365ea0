/**
 * Service plan ids that matter for migration readiness (matched by id, never by name: SHAREPOINTWAC — Office for the
 * web — reports service "SharePoint" but is not SharePoint Online). The provisioning scan uses them too.
 *
 * The data is no longer a hand-copied list: it comes from src/common/licensing, generated from Microsoft Entra's
 * "Product names and service plan identifiers for licensing" and the hand-reviewed classification in
 * data/licensing/classification.json (SharePoint Plan 1/2, the EDU plans of Office 365 A1/A3/A5, SharePoint Kiosk of
 * F1/F3, developer, midsize, small business and GCC plans; the OneDrive-only plans). This module keeps the names the
 * readiness checks and the provisioning scan import.
 */
import {
  hasOneDrivePlan as catalogueHasOneDrivePlan,
  hasSharePointPlan as catalogueHasSharePointPlan,
  isOneDriveOnlyPlanId as catalogueIsOneDriveOnlyPlanId,
  isSharePointPlanId as catalogueIsSharePointPlanId,
  ONEDRIVE_ONLY_PLAN_IDS as CATALOGUE_ONEDRIVE_ONLY_PLAN_IDS,
  PLAN_NAMES,
  planName,
  SHAREPOINT_PLAN_IDS as CATALOGUE_SHAREPOINT_PLAN_IDS,
  skuDisplayName as catalogueSkuDisplayName,
} from '../common/licensing';

function byName(ids: ReadonlySet<string>): Readonly<Record<string, string>> {
  const table: Record<string, string> = {};
  ids.forEach((id: string) => {
    const name = PLAN_NAMES[id];
    if (name !== undefined) {
      table[name] = id;
    }
  });
  return table;
}

/** Service plans that carry SharePoint Online (and with it a OneDrive), by string id. */
export const SharePointPlanIds: Readonly<Record<string, string>> = byName(CATALOGUE_SHAREPOINT_PLAN_IDS);

/** OneDrive-only service plans (a OneDrive without SharePoint Online team sites), by string id. */
export const OneDrivePlanIds: Readonly<Record<string, string>> = byName(CATALOGUE_ONEDRIVE_ONLY_PLAN_IDS);

/** Office for the web: its service is reported as "SharePoint", but it is NOT SharePoint Online. */
export const SHAREPOINTWAC_PLAN_ID = 'e95bec33-7c88-4a70-8e19-b10bd9d0c014';

function sortedIds(ids: ReadonlySet<string>): ReadonlyArray<string> {
  const list: string[] = [];
  ids.forEach((id: string) => list.push(id));
  return list.sort();
}

export const SHAREPOINT_ONLINE_PLAN_IDS: ReadonlyArray<string> = sortedIds(CATALOGUE_SHAREPOINT_PLAN_IDS);

export const ONEDRIVE_ONLY_PLAN_IDS: ReadonlyArray<string> = sortedIds(CATALOGUE_ONEDRIVE_ONLY_PLAN_IDS);

/** True when this service plan id is a SharePoint Online plan (case-insensitive; SHAREPOINTWAC is not). */
export function isSharePointPlanId(id: string): boolean {
  return catalogueIsSharePointPlanId(id);
}

/** True when this service plan id is a OneDrive-only plan. */
export function isOneDriveOnlyPlanId(id: string): boolean {
  return catalogueIsOneDriveOnlyPlanId(id);
}

/** True when any of these (enabled) service plan ids is a SharePoint Online plan. */
export function hasSharePointPlan(ids: ReadonlyArray<string>): boolean {
  return catalogueHasSharePointPlan(ids);
}

/**
 * True when any of these (enabled) service plan ids gives the user a OneDrive: a OneDrive-only plan
 * or a SharePoint Online plan (every SharePoint Online plan includes OneDrive).
 */
export function hasOneDrivePlan(ids: ReadonlyArray<string>): boolean {
  return catalogueHasOneDrivePlan(ids);
}

/** The string id of a classified plan, e.g. "SHAREPOINTENTERPRISE" or "SHAREPOINTWAC"; undefined for others. */
export function knownPlanName(id: string): string | undefined {
  return planName(id);
}

/**
 * The SKU's product name as the Microsoft 365 admin center shows it, from Microsoft's licensing reference; the part
 * number when the SKU is not in it.
 */
export function skuDisplayName(skuId: string, skuPartNumber: string): string {
  return catalogueSkuDisplayName(skuId, skuPartNumber);
}
