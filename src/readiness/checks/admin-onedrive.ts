/** admin-onedrive: the signed-in admin's own OneDrive exists (seed: "walked through the Office 365 setup process"). */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { TenantFacts } from '../facts';
import { OFFICE_HOME_LINK, oneDriveHostUrl } from '../links';
import { signedInName } from '../wording';
import { unknownFromFailure } from '../unknown';

const ID = 'admin-onedrive' as const;

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleAdminOneDrive;
  if (!facts.adminOneDrive.ok) {
    return unknownFromFailure(ID, title, facts.adminOneDrive, strings.WhatAdminOneDrive, facts, strings.AdminOneDriveNotFoundHint);
  }
  const user = signedInName(facts);
  const state = facts.adminOneDrive.value;
  if (state.provisioned) {
    return {
      id: ID,
      title,
      status: 'pass',
      evidence: [state.url ? format(strings.AdminOneDrivePassAt, user, state.url) : format(strings.AdminOneDrivePass, user)],
    };
  }
  const oneDrive = oneDriveHostUrl(facts.tenant);
  return {
    id: ID,
    title,
    status: 'fail',
    evidence: [format(strings.AdminOneDriveMissing, user), strings.AdminOneDriveSeed],
    nextStep: strings.AdminOneDriveNextStep,
    who: 'any-admin',
    links: [{ label: strings.LinkOpenOneDrive, href: oneDrive || OFFICE_HOME_LINK }],
  };
}

export const adminOneDriveCheck: Check = {
  id: ID,
  title: strings.TitleAdminOneDrive,
  who: 'any-admin',
  dependsOn: ['admin-license'],
  evaluate,
};
