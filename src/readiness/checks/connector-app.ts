/** connector-app: the connector's enterprise app (service principal) exists — authorization steps 1–5 create it. */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { ConnectorCandidate, TenantFacts } from '../facts';
import { isolate } from '../../common/format';
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
  const evidence = [
    format(strings.ConnectorAppFound, isolate(app.displayName)),
    format(strings.ConnectorAppAppId, app.appId),
    format(strings.ConnectorAppObjectId, app.servicePrincipalId),
  ];
  const links = [{ label: strings.LinkEntraPermissions, href: entraPermissionsBladeUrl(app.servicePrincipalId, app.appId) }];
  const candidates = facts.connectorCandidates;
  if (candidates && candidates.length > 1) {
    // Display names are not unique: say so, list every match, and say which one the other checks evaluate.
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [format(strings.ConnectorAppAmbiguous, candidates.length, isolate(app.displayName))]
        .concat(candidates.map(describeCandidate))
        .concat([format(choiceText(facts.connectorChoice), app.appId)]),
      nextStep: strings.ConnectorAppAmbiguousNextStep,
      who: 'any-admin',
      links,
    };
  }
  return { id: ID, title, status: 'pass', evidence, links };
}

function describeCandidate(candidate: ConnectorCandidate): string {
  const app = candidate.app;
  const grants =
    candidate.tenantWideGrants === undefined
      ? strings.ConnectorAppCandidateUnread
      : candidate.tenantWideGrants
        ? strings.ConnectorAppCandidateGranted
        : strings.ConnectorAppCandidateNotGranted;
  const assigned = candidate.assignments !== undefined && candidate.assignments > 0 ? format(strings.ConnectorAppCandidateAssigned, candidate.assignments) : '';
  return format(
    strings.ConnectorAppCandidate,
    isolate(app.displayName),
    app.appId,
    app.publisher ? isolate(app.publisher) : strings.ValueUnknown,
    app.ownerTenantId || strings.ValueUnknown,
    grants + assigned,
  );
}

function choiceText(choice: TenantFacts['connectorChoice']): string {
  switch (choice) {
    case 'tenant-wide-grants':
      return strings.ConnectorAppChoiceGrants;
    case 'assignments':
      return strings.ConnectorAppChoiceAssignments;
    default:
      return strings.ConnectorAppChoiceFirst;
  }
}

export const connectorAppCheck: Check = {
  id: ID,
  title: strings.TitleConnectorApp,
  who: 'any-admin',
  dependsOn: [],
  evaluate,
};
