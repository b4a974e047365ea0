/**
 * Which users can have a OneDrive: those with an enabled SharePoint Online or OneDrive service plan.
 * Matched by service plan id, never by name (DESIGN §4); the ids live in src/readiness/plans.ts
 * (SHAREPOINTWAC, Office for the web, is not among them: it reports service "SharePoint" but is not SharePoint Online).
 */
import { isOneDriveOnlyPlanId, isSharePointPlanId, ONEDRIVE_ONLY_PLAN_IDS, SHAREPOINT_ONLINE_PLAN_IDS } from '../readiness/plans';

/** SHAREPOINTSTANDARD, SHAREPOINTENTERPRISE, SHAREPOINTENTERPRISE_EDU, SHAREPOINTENTERPRISE_GOV, SHAREPOINTLITE. */
export const SHAREPOINT_PLAN_IDS: ReadonlyArray<string> = SHAREPOINT_ONLINE_PLAN_IDS;

/** ONEDRIVE_BASIC, ONEDRIVESTANDARD, ONEDRIVEENTERPRISE: OneDrive without SharePoint Online. */
export const ONEDRIVE_PLAN_IDS: ReadonlyArray<string> = ONEDRIVE_ONLY_PLAN_IDS;

/** The plan family that gives a user a OneDrive. SharePoint Online wins when a user has both. */
export type LicenseFamily = 'sharepoint' | 'onedrive';

/** The family of the OneDrive-bearing plans among the (enabled) plan ids, or undefined when there is none. */
export function licenseFamily(enabledPlanIds: ReadonlyArray<string>): LicenseFamily | undefined {
  let found: LicenseFamily | undefined;
  for (let i = 0; i < enabledPlanIds.length; i++) {
    const id = enabledPlanIds[i] as string;
    if (isSharePointPlanId(id)) {
      return 'sharepoint';
    }
    if (found === undefined && isOneDriveOnlyPlanId(id)) {
      found = 'onedrive';
    }
  }
  return found;
}
