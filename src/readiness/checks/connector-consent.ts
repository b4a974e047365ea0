/**
 * connector-consent: tenant-wide (AllPrincipals) consent covers every required scope (steps 6–9, the seed's permission
 * table). Per-user consent — what step 4 gives — is not enough. More than required → warn. Always shows the consent table.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { TenantFacts } from '../facts';
import { MOVER_APP_LINK, MOVER_AUTH_SHORT_LINK } from '../links';
import { consentLinks, requiredOnlyTable } from '../consent';
import { guardGrants } from '../connectorGuard';
import { connectorName, listOrNone } from '../wording';

const ID = 'connector-consent' as const;

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleConnectorConsent;
  const name = connectorName(facts);
  const guarded = guardGrants(ID, title, facts, {
    status: 'fail',
    evidence: [format(strings.ConsentNoApp, name)],
    nextStep: format(strings.ConsentNoAppNextStep, name),
    who: 'any-admin',
    links: [
      { label: strings.LinkMoverApp, href: MOVER_APP_LINK },
      { label: strings.LinkMoverAuthShort, href: MOVER_AUTH_SHORT_LINK },
    ],
  });
  if (guarded.stop) {
    return { ...guarded.stop, consentTable: requiredOnlyTable(facts.connector.requiredScopes) };
  }

  const analysis = guarded.analysis;
  const evidence = [format(strings.ConsentGrantedTenantWide, listOrNone(analysis.grantedTenantWide))];
  if (analysis.perUserOnly.length > 0) {
    evidence.push(format(strings.ConsentPerUserOnly, analysis.perUserOnly.join(', '), analysis.perUserConsenters));
  }
  if (analysis.notGranted.length > 0) {
    evidence.push(format(strings.ConsentNotGranted, analysis.notGranted.join(', ')));
  }
  if (analysis.extraTenantWide.length > 0) {
    evidence.push(format(strings.ConsentExtra, analysis.extraTenantWide.join(', ')));
  }
  const links = consentLinks(facts, guarded.app);

  if (!analysis.covered) {
    if (analysis.perUserOnly.length > 0) {
      evidence.push(strings.ConsentPerUserNotEnough);
    }
    return {
      id: ID,
      title,
      status: 'fail',
      evidence,
      nextStep: format(strings.ConsentNextStep, name),
      who: 'global-admin',
      links,
      consentTable: analysis.rows,
    };
  }

  if (analysis.extraTenantWide.length > 0) {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence,
      nextStep: format(strings.ConsentExtraNextStep, name),
      who: 'global-admin',
      links,
      consentTable: analysis.rows,
    };
  }

  return { id: ID, title, status: 'pass', evidence, links, consentTable: analysis.rows };
}

export const connectorConsentCheck: Check = {
  id: ID,
  title: strings.TitleConnectorConsent,
  who: 'global-admin',
  dependsOn: ['connector-app'],
  evaluate,
};
