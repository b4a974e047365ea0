/**
 * connector-user-count: the connector can read the user count (licensed, enabled members) — it can only once a
 * Global admin granted tenant-wide consent; until then it shows the seed's "Could not retrieve user count…" error.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { TenantFacts } from '../facts';
import { ACTIVE_USERS_LINK, MOVER_APP_LINK } from '../links';
import { consentLinks } from '../consent';
import { guardGrants } from '../connectorGuard';
import { connectorName } from '../wording';
import { unknownFromFailure } from '../unknown';

const ID = 'connector-user-count' as const;

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleConnectorUserCount;
  const name = connectorName(facts);
  const guarded = guardGrants(ID, title, facts, {
    status: 'fail',
    evidence: [format(strings.UserCountNoApp, name)],
    nextStep: format(strings.ConsentNoAppNextStep, name),
    who: 'any-admin',
    links: [{ label: strings.LinkMoverApp, href: MOVER_APP_LINK }],
  });
  if (guarded.stop) {
    return guarded.stop;
  }

  if (!guarded.analysis.covered) {
    return {
      id: ID,
      title,
      status: 'fail',
      evidence: [
        format(strings.UserCountConnectorWillShow, strings.SeedUserCountError),
        format(strings.UserCountMissingConsent, guarded.analysis.missing.join(', ')),
      ],
      nextStep: format(strings.ConsentNextStep, name),
      who: 'global-admin',
      links: consentLinks(facts, guarded.app),
    };
  }

  if (!facts.licensedUserCount.ok) {
    return unknownFromFailure(ID, title, facts.licensedUserCount, strings.WhatUserCount, facts);
  }
  const count = facts.licensedUserCount.value;
  if (count <= 0) {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [strings.UserCountZero],
      nextStep: strings.UserCountZeroNextStep,
      who: 'global-admin',
      links: [{ label: strings.LinkActiveUsers, href: ACTIVE_USERS_LINK }],
    };
  }
  return { id: ID, title, status: 'pass', evidence: [format(strings.UserCountPass, count)] };
}

export const connectorUserCountCheck: Check = {
  id: ID,
  title: strings.TitleConnectorUserCount,
  who: 'global-admin',
  dependsOn: ['connector-consent'],
  evaluate,
};
