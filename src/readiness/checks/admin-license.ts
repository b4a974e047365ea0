/** admin-license: the signed-in admin has an enabled SharePoint Online plan (seed: "global admin must have an Office 365 license"). */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { AssignedPlan, TenantFacts } from '../facts';
import { ACTIVE_USERS_LINK } from '../links';
import { isSharePointPlanId, knownPlanName } from '../plans';
import { unknownFromFailure } from '../unknown';

const ID = 'admin-license' as const;

function planName(plan: AssignedPlan): string {
  return knownPlanName(plan.servicePlanId) || plan.servicePlanId;
}

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleAdminLicense;
  if (!facts.me.ok) {
    return unknownFromFailure(ID, title, facts.me, strings.WhatSignedInUser, facts);
  }
  const me = facts.me.value;
  const spoPlans = me.assignedPlans.filter((plan: AssignedPlan) => isSharePointPlanId(plan.servicePlanId));
  const enabled = spoPlans.filter((plan: AssignedPlan) => plan.capabilityStatus === 'Enabled');

  if (enabled.length > 0) {
    return {
      id: ID,
      title,
      status: 'pass',
      evidence: [format(strings.AdminLicensePass, me.userPrincipalName, enabled.map(planName).join(', '))],
    };
  }

  const evidence = [format(strings.AdminLicenseNone, me.userPrincipalName)];
  if (spoPlans.length > 0) {
    evidence.push(
      format(strings.AdminLicenseInactive, spoPlans.map((plan: AssignedPlan) => format(strings.SkuWithStatus, planName(plan), plan.capabilityStatus)).join(', '))
    );
  }
  evidence.push(strings.AdminLicenseSeed);
  return {
    id: ID,
    title,
    status: 'fail',
    evidence,
    nextStep: format(strings.AdminLicenseNextStep, me.userPrincipalName),
    who: 'global-admin',
    links: [{ label: strings.LinkActiveUsers, href: ACTIVE_USERS_LINK }],
  };
}

export const adminLicenseCheck: Check = {
  id: ID,
  title: strings.TitleAdminLicense,
  who: 'global-admin',
  dependsOn: ['tenant-spo-license'],
  evaluate,
};
