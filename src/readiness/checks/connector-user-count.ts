/**
 * connector-user-count: the connector can read the user count (licensed, enabled members) — it can only once a
 * Global admin granted tenant-wide consent; until then it shows the seed's "Could not retrieve user count…" error.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { TenantFacts } from '../facts';
import { ACTIVE_USERS_LINK, MOVER_APP_LINK } from '../links';
import { consentLinks, consentStateOf } from '../consent';
import { checkTitle } from '../titles';
import { connectorName } from '../describe';
import { unknownFromFailure } from '../unknown';

const ID = 'connector-user-count';

function evaluate(facts: TenantFacts): CheckResult {
  const title = checkTitle(ID);
  const name = connectorName(facts);
  const state = consentStateOf(facts);

  switch (state.kind) {
    case 'app-unknown':
      return unknownFromFailure(ID, title, state.failure, format(strings.WhatConnectorApp, name), facts);
    case 'no-app':
      return {
        id: ID,
        title,
        status: 'fail',
        evidence: [format(strings.UserCountNoApp, name)],
        nextStep: format(strings.ConsentNoAppNextStep, name),
        who: 'any-admin',
        links: [{ label: strings.LinkMoverApp, href: MOVER_APP_LINK }],
      };
    case 'grants-not-read':
      return {
        id: ID,
        title,
        status: 'unknown',
        evidence: [strings.ConsentGrantsNotRead],
        nextStep: strings.RecheckNextStep,
        who: 'any-admin',
      };
    case 'grants-unknown':
      return unknownFromFailure(ID, title, state.failure, format(strings.WhatGrants, name), facts);
    case 'read':
      break;
  }

  if (!state.analysis.covered) {
    return {
      id: ID,
      title,
      status: 'fail',
      evidence: [
        format(strings.UserCountConnectorWillShow, strings.SeedUserCountError),
        format(strings.UserCountMissingConsent, state.analysis.missing.join(', ')),
      ],
      nextStep: format(strings.ConsentNextStep, name),
      who: 'global-admin',
      links: consentLinks(facts, state.app),
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

export const connectorUserCountCheck: Check = { id: ID, evaluate };
