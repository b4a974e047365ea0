/** Well-known ids (DESIGN §4). Matched by id, never by name. */
export const SHAREPOINT_PLAN_IDS: ReadonlySet<string> = new Set([
  'c7699d2e-19aa-44de-8edf-1736da088ca1', // SHAREPOINTSTANDARD
  '5dbe027f-2339-4123-9542-606e4d348a72', // SHAREPOINTENTERPRISE
  '63038b2c-28d0-45f6-bc36-33062963b498', // SHAREPOINTENTERPRISE_EDU
  '153f85dd-d912-4762-af6c-d6e0fb4f6692', // SHAREPOINTENTERPRISE_GOV
  'a1f3d0a8-84c0-4ae0-bae4-685917b8ab48', // SHAREPOINTLITE
]);

export const ONEDRIVE_PLAN_IDS: ReadonlySet<string> = new Set([
  '13696edf-5a08-49f6-8134-03083ed8ba30', // ONEDRIVESTANDARD
  'afcafa6a-d966-4462-918c-ec0b4e0fe642', // ONEDRIVEENTERPRISE
  'da792a53-cbc0-4184-a10d-e544dd34b3c1', // ONEDRIVE_BASIC
]);

/** Office for the web: reports service "SharePoint" but is not SharePoint Online. */
export const SHAREPOINTWAC_PLAN_ID = 'e95bec33-7c88-4a70-8e19-b10bd9d0c014';

export const ROLE_TEMPLATE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  sharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  migrationAdministrator: '8c8b803f-96e1-4129-9349-20738d9f9652',
} as const;

export const RESOURCE_APP = {
  microsoftGraph: '00000003-0000-0000-c000-000000000000',
  sharePointOnline: '00000003-0000-0ff1-ce00-000000000000',
} as const;

/** Third-party list, UNVERIFIED (DESIGN §3). */
export const CONNECTOR_APP_ID = 'd62121f3-e023-4972-b6b0-794190c0fd98';
export const CONNECTOR_DISPLAY_NAME = 'Office 365 Mover';

/** True when the user has an Enabled assigned plan that gives a OneDrive (SharePoint Online or OneDrive plan). */
export function hasOneDrivePlan(plans: ReadonlyArray<{ servicePlanId: string; capabilityStatus: string }>): boolean {
  return plans.some(
    (p) => p.capabilityStatus === 'Enabled' && (SHAREPOINT_PLAN_IDS.has(p.servicePlanId) || ONEDRIVE_PLAN_IDS.has(p.servicePlanId)),
  );
}
