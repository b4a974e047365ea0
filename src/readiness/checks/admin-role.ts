/**
 * admin-role: Global admin can do all 9 authorization steps; a SharePoint admin only steps 1–5 and must forward
 * steps 6–9 to a Global admin; anyone else can do none of them.
 *
 * Active roles come from transitiveMemberOf, which lists active roles only: an admin who is *eligible* for a role in
 * Privileged Identity Management (PIM) is told to activate it before the steps that need it. Eligibility is read with
 * RoleEligibilitySchedule.Read.Directory; when it cannot be read (scope not approved, no Entra ID P2) the check says
 * "eligible roles not checked" and why — it never guesses.
 *
 * A SharePoint admin whose connector already has tenant-wide consent (steps 6–9 done by a Global admin) passes:
 * nothing is left to forward.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import { tenantWideConsentCovers } from '../consent';
import type { DirectoryRole, EligibleRole, TenantFacts } from '../facts';
import { ENTRA_ROLES_LINK, MOVER_AUTH_SHORT_LINK, PIM_MY_ROLES_LINK } from '../links';
import { adminLevel, roleName, RoleTemplateIds } from '../roles';
import { unknownFromFailure } from '../unknown';
import { listOrNone, signedInName } from '../wording';

const ID = 'admin-role' as const;

function eligibleFor(facts: TenantFacts, templateId: string): EligibleRole | undefined {
  if (!facts.eligibleRoles.ok) {
    return undefined;
  }
  return facts.eligibleRoles.value.find((role: EligibleRole) => role.roleTemplateId.toLowerCase() === templateId);
}

/** One evidence line about eligible roles: which can be activated, none, or why they were not checked. */
function eligibilityLine(facts: TenantFacts): string {
  const eligible = facts.eligibleRoles;
  if (!eligible.ok) {
    return eligible.code === 'AadPremiumLicenseRequired'
      ? strings.AdminRoleEligibleNoP2
      : format(strings.AdminRoleEligibleNotChecked, eligible.status, eligible.code);
  }
  const names = eligible.value.map((role: EligibleRole) => roleName(role.roleTemplateId));
  return names.length > 0 ? format(strings.AdminRoleEligibleList, names.join(', ')) : strings.AdminRoleEligibleNone;
}

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleAdminRole;
  if (!facts.myRoles.ok) {
    return unknownFromFailure(ID, title, facts.myRoles, strings.WhatRoles, facts);
  }
  const roles = facts.myRoles.value;
  const user = signedInName(facts);
  const level = adminLevel(roles);
  const eligibleGlobal = eligibleFor(facts, RoleTemplateIds.GlobalAdministrator);
  const eligibleSharePoint = eligibleFor(facts, RoleTemplateIds.SharePointAdministrator);

  if (level === 'global-admin') {
    return { id: ID, title, status: 'pass', evidence: [format(strings.AdminRoleGlobal, user)] };
  }

  if (level === 'sharepoint-admin') {
    if (eligibleGlobal) {
      return {
        id: ID,
        title,
        status: 'warn',
        evidence: [format(strings.AdminRoleSharePointOnly, user), format(strings.AdminRoleEligibleGlobal, user)],
        nextStep: strings.AdminRoleActivateGlobalNextStep,
        who: 'global-admin',
        links: [{ label: strings.LinkPimMyRoles, href: PIM_MY_ROLES_LINK }],
      };
    }
    if (tenantWideConsentCovers(facts)) {
      return { id: ID, title, status: 'pass', evidence: [format(strings.AdminRoleSharePointOnly, user), strings.AdminRoleSharePointConsentDone] };
    }
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [format(strings.AdminRoleSharePointOnly, user), eligibilityLine(facts)],
      nextStep: strings.AdminRoleSharePointOnlyNextStep,
      who: 'global-admin',
      links: [{ label: strings.LinkMoverAuthShort, href: MOVER_AUTH_SHORT_LINK }],
    };
  }

  if (eligibleGlobal || eligibleSharePoint) {
    const which = eligibleGlobal ? roleName(RoleTemplateIds.GlobalAdministrator) : roleName(RoleTemplateIds.SharePointAdministrator);
    return {
      id: ID,
      title,
      status: 'fail',
      evidence: [format(strings.AdminRoleNone, user, listOrNone(roles.map((role: DirectoryRole) => role.displayName))), format(strings.AdminRoleEligibleNotActive, user, which)],
      nextStep: format(strings.AdminRoleActivateNextStep, which),
      who: 'any-admin',
      links: [{ label: strings.LinkPimMyRoles, href: PIM_MY_ROLES_LINK }],
    };
  }

  return {
    id: ID,
    title,
    status: 'fail',
    evidence: [format(strings.AdminRoleNone, user, listOrNone(roles.map((role: DirectoryRole) => role.displayName))), eligibilityLine(facts)],
    nextStep: strings.AdminRoleNoneNextStep,
    who: 'global-admin',
    links: [{ label: strings.LinkEntraRoles, href: ENTRA_ROLES_LINK }],
  };
}

export const adminRoleCheck: Check = {
  id: ID,
  title: strings.TitleAdminRole,
  who: 'global-admin',
  dependsOn: [],
  evaluate,
};
