import { hasOneDrivePlan, hasSharePointPlan, isSharePointPlanId, knownPlanName, SHAREPOINT_ONLINE_PLAN_IDS } from '../../src/readiness/plans';
import { adminLevel, isGlobalAdmin, isSharePointAdmin } from '../../src/readiness/roles';
import { GLOBAL_ADMIN, PLAN, SHAREPOINT_ADMIN, USER_ADMIN } from './factsBuilder';

describe('plans', () => {
  it('knows the SharePoint Online plans of Microsoft\'s licensing reference, case-insensitively', () => {
    // The five plans of the former hand list are still there…
    for (const id of [
      'c7699d2e-19aa-44de-8edf-1736da088ca1', // SHAREPOINTSTANDARD
      '5dbe027f-2339-4123-9542-606e4d348a72', // SHAREPOINTENTERPRISE
      '63038b2c-28d0-45f6-bc36-33062963b498', // SHAREPOINTENTERPRISE_EDU
      '153f85dd-d912-4762-af6c-d6e0fb4f6692', // SHAREPOINTENTERPRISE_GOV
      'a1f3d0a8-84c0-4ae0-bae4-685917b8ab48', // SHAREPOINTLITE
    ]) {
      expect(SHAREPOINT_ONLINE_PLAN_IDS).toContain(id);
    }
    // …with the ones it missed (Office 365 A1, Microsoft 365 F1/F3, GCC), from data/licensing/classification.json.
    expect(isSharePointPlanId('0a4983bb-d3e5-4a09-95d8-b2d0127b3df5')).toBe(true); // SHAREPOINTSTANDARD_EDU
    expect(isSharePointPlanId('902b47e5-dcb2-4fdc-858b-c63a90a2bdb9')).toBe(true); // SHAREPOINTDESKLESS
    expect(isSharePointPlanId('f9c43823-deb4-46a8-aa65-8b551f0c4f8a')).toBe(true); // SharePoint Plan 1G
    expect(SHAREPOINT_ONLINE_PLAN_IDS).not.toContain(PLAN.SHAREPOINTWAC);
    expect(isSharePointPlanId(PLAN.SHAREPOINTENTERPRISE.toUpperCase())).toBe(true);
  });

  it('does not count Office for the web (SHAREPOINTWAC) as SharePoint Online', () => {
    expect(hasSharePointPlan([PLAN.SHAREPOINTWAC])).toBe(false);
    expect(hasOneDrivePlan([PLAN.SHAREPOINTWAC])).toBe(false);
  });

  it('gives a OneDrive with OneDrive-only plans and with SharePoint Online plans', () => {
    expect(hasOneDrivePlan([PLAN.ONEDRIVESTANDARD])).toBe(true);
    expect(hasOneDrivePlan(['da792a53-cbc0-4184-a10d-e544dd34b3c1'])).toBe(true);
    expect(hasOneDrivePlan([PLAN.SHAREPOINTSTANDARD])).toBe(true);
    expect(hasSharePointPlan([PLAN.ONEDRIVESTANDARD])).toBe(false);
    expect(hasOneDrivePlan([])).toBe(false);
  });

  it('names known plans', () => {
    expect(knownPlanName(PLAN.SHAREPOINTENTERPRISE)).toBe('SHAREPOINTENTERPRISE');
    expect(knownPlanName(PLAN.SHAREPOINTWAC)).toBe('SHAREPOINTWAC');
    expect(knownPlanName('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });
});

describe('roles', () => {
  it('ranks Global admin over SharePoint admin', () => {
    expect(adminLevel([SHAREPOINT_ADMIN, GLOBAL_ADMIN])).toBe('global-admin');
    expect(adminLevel([SHAREPOINT_ADMIN])).toBe('sharepoint-admin');
    expect(adminLevel([USER_ADMIN])).toBe('none');
    expect(isGlobalAdmin([{ ...GLOBAL_ADMIN, roleTemplateId: GLOBAL_ADMIN.roleTemplateId.toUpperCase() }])).toBe(true);
    expect(isSharePointAdmin([GLOBAL_ADMIN])).toBe(false);
  });
});
