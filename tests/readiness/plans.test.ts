import { hasOneDrivePlan, hasSharePointPlan, isSharePointPlanId, knownPlanName, SHAREPOINT_ONLINE_PLAN_IDS } from '../../src/readiness/plans';
import { adminLevel, isGlobalAdmin, isSharePointAdmin } from '../../src/readiness/roles';
import { GLOBAL_ADMIN, PLAN, SHAREPOINT_ADMIN, USER_ADMIN } from './factsBuilder';

describe('plans', () => {
  it('knows the five SharePoint Online plans, case-insensitively', () => {
    expect(SHAREPOINT_ONLINE_PLAN_IDS).toHaveLength(5);
    expect(isSharePointPlanId(PLAN.SHAREPOINTENTERPRISE.toUpperCase())).toBe(true);
    expect(isSharePointPlanId('a1f3d0a8-84c0-4ae0-bae4-685917b8ab48')).toBe(true);
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
