/**
 * admin-role: Global admin can do all 9 authorization steps; a SharePoint admin only steps 1–5 and must forward
 * steps 6–9 to a Global admin; anyone else can do none of them.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { DirectoryRole, TenantFacts } from '../facts';
import { ENTRA_ROLES_LINK, MOVER_AUTH_SHORT_LINK } from '../links';
import { adminLevel } from '../roles';
import { listOrNone, signedInName } from '../wording';
import { unknownFromFailure } from '../unknown';

const ID = 'admin-role' as const;

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleAdminRole;
  if (!facts.myRoles.ok) {
    return unknownFromFailure(ID, title, facts.myRoles, strings.WhatRoles, facts);
  }
  const roles = facts.myRoles.value;
  const user = signedInName(facts);
  const level = adminLevel(roles);

  if (level === 'global-admin') {
    return { id: ID, title, status: 'pass', evidence: [format(strings.AdminRoleGlobal, user)] };
  }

  if (level === 'sharepoint-admin') {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [format(strings.AdminRoleSharePointOnly, user)],
      nextStep: strings.AdminRoleSharePointOnlyNextStep,
      who: 'global-admin',
      links: [{ label: strings.LinkMoverAuthShort, href: MOVER_AUTH_SHORT_LINK }],
    };
  }

  return {
    id: ID,
    title,
    status: 'fail',
    evidence: [
      format(strings.AdminRoleNone, user, listOrNone(roles.map((role: DirectoryRole) => role.displayName))),
      strings.AdminRoleEligibleHint,
    ],
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
