/** connector-app: the connector's enterprise app (service principal) exists — authorization steps 1–5 create it. */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { TenantFacts } from '../facts';
import { entraPermissionsBladeUrl, MOVER_APP_LINK } from '../links';
import { connectorLookup, connectorName } from '../wording';
import { unknownFromFailure } from '../unknown';

const ID = 'connector-app' as const;

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleConnectorApp;
  if (!facts.connectorApp.ok) {
    return unknownFromFailure(ID, title, facts.connectorApp, format(strings.WhatConnectorApp, connectorName(facts)), facts);
  }
  const app = facts.connectorApp.value;
  if (app === undefined) {
    return {
      id: ID,
      title,
      status: 'fail',
      evidence: [format(strings.ConnectorAppNotFound, connectorName(facts), connectorLookup(facts))],
      nextStep: strings.ConnectorAppNextStep,
      who: 'any-admin',
      links: [{ label: strings.LinkMoverApp, href: MOVER_APP_LINK }],
    };
  }
  return {
    id: ID,
    title,
    status: 'pass',
    evidence: [
      format(strings.ConnectorAppFound, app.displayName),
      format(strings.ConnectorAppAppId, app.appId),
      format(strings.ConnectorAppObjectId, app.servicePrincipalId),
    ],
    links: [{ label: strings.LinkEntraPermissions, href: entraPermissionsBladeUrl(app.servicePrincipalId, app.appId) }],
  };
}

export const connectorAppCheck: Check = {
  id: ID,
  title: strings.TitleConnectorApp,
  who: 'any-admin',
  dependsOn: [],
  evaluate,
};
