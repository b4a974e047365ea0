/**
 * Which users can have a OneDrive: those with an enabled SharePoint Online or OneDrive service plan.
 * Matched by service plan id, never by name (DESIGN §4). SHAREPOINTWAC (Office for the web) is deliberately absent:
 * it reports service "SharePoint" but is not SharePoint Online.
 *
 * TODO(dedupe): src/readiness/plans.ts (hasSharePointPlan/hasOneDrivePlan) carries the same ids; switch to it once it lands.
 */

/** SHAREPOINTSTANDARD, SHAREPOINTENTERPRISE, SHAREPOINTENTERPRISE_EDU, SHAREPOINTENTERPRISE_GOV, SHAREPOINTLITE. */
export const SHAREPOINT_PLAN_IDS: ReadonlyArray<string> = [
  'c7699d2e-19aa-44de-8edf-1736da088ca1',
  '5dbe027f-2339-4123-9542-606e4d348a72',
  '63038b2c-28d0-45f6-bc36-33062963b498',
  '153f85dd-d912-4762-af6c-d6e0fb4f6692',
  'a1f3d0a8-84c0-4ae0-bae4-685917b8ab48',
];

/** ONEDRIVE_BASIC, ONEDRIVESTANDARD, ONEDRIVEENTERPRISE: OneDrive without SharePoint Online. */
export const ONEDRIVE_PLAN_IDS: ReadonlyArray<string> = [
  '13696edf-5a08-49f6-8134-03083ed8ba30',
  'afcafa6a-d966-4462-918c-ec0b4e0fe642',
  'da792a53-cbc0-4184-a10d-e544dd34b3c1',
];

/** The plan family that gives a user a OneDrive. SharePoint Online wins when a user has both. */
export type LicenseFamily = 'sharepoint' | 'onedrive';

function toSet(ids: ReadonlyArray<string>): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    set.add((ids[i] as string).toLowerCase());
  }
  return set;
}

const sharePointIds: Set<string> = toSet(SHAREPOINT_PLAN_IDS);
const oneDriveIds: Set<string> = toSet(ONEDRIVE_PLAN_IDS);

/** The family of the first OneDrive-bearing plan among the (enabled) plan ids, or undefined when none. */
export function licenseFamily(enabledPlanIds: ReadonlyArray<string>): LicenseFamily | undefined {
  let found: LicenseFamily | undefined;
  for (let i = 0; i < enabledPlanIds.length; i++) {
    const id = (enabledPlanIds[i] as string).toLowerCase();
    if (sharePointIds.has(id)) {
      return 'sharepoint';
    }
    if (oneDriveIds.has(id)) {
      found = 'onedrive';
    }
  }
  return found;
}
