/**
 * connector-user-assignment: "User assignment required" is on for the connector app, so only assigned migrator users
 * can use it (seed step 4). Off → warn (a hardening, not a blocker). App not found → unknown: there is no setting to
 * read yet (connector-app already fails for that), and the next step says to come back after steps 1–5.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckLink, CheckResult } from '../check';
import type { AppAssignment, ConnectorApp, TenantFacts } from '../facts';
import { entraPropertiesBladeUrl, entraUsersBladeUrl, MOVER_APP_LINK } from '../links';
import { connectorName, shortList } from '../wording';
import { unknownFromFailure } from '../unknown';
import { guardApp } from '../connectorGuard';

const ID = 'connector-user-assignment' as const;
const MAX_LISTED = 10;

function assignmentLinks(app: ConnectorApp): CheckLink[] {
  return [
    { label: strings.LinkEntraProperties, href: entraPropertiesBladeUrl(app.servicePrincipalId, app.appId) },
    { label: strings.LinkEntraUsers, href: entraUsersBladeUrl(app.servicePrincipalId, app.appId) },
  ];
}

function describeAssignment(a: AppAssignment): string {
  return a.principalType ? format(strings.AssignmentPrincipal, a.principalDisplayName, a.principalType) : a.principalDisplayName;
}

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleConnectorUserAssignment;
  const name = connectorName(facts);
  const guarded = guardApp(ID, title, facts, {
    status: 'unknown',
    evidence: [format(strings.AssignmentNoApp, name)],
    nextStep: format(strings.AssignmentNoAppNextStep, name),
    who: 'any-admin',
    links: [{ label: strings.LinkMoverApp, href: MOVER_APP_LINK }],
  });
  if (guarded.stop) {
    return guarded.stop;
  }
  const app = guarded.app;
  const links = assignmentLinks(app);
  const assigned = facts.assignments !== undefined && facts.assignments.ok ? facts.assignments.value : undefined;

  if (!app.appRoleAssignmentRequired) {
    const evidence = [format(strings.AssignmentOff, name)];
    if (assigned && assigned.length > 0) {
      evidence.push(format(strings.AssignmentAssignedNotEnforced, shortList(assigned.map(describeAssignment), MAX_LISTED)));
    }
    return {
      id: ID,
      title,
      status: 'warn',
      evidence,
      nextStep: format(strings.AssignmentOffNextStep, name),
      who: 'global-admin',
      links,
    };
  }

  if (facts.assignments === undefined) {
    return {
      id: ID,
      title,
      status: 'unknown',
      evidence: [format(strings.AssignmentOn, name), strings.AssignmentNotRead],
      nextStep: strings.RecheckNextStep,
      who: 'any-admin',
      links,
    };
  }
  if (!facts.assignments.ok) {
    const result = unknownFromFailure(ID, title, facts.assignments, format(strings.WhatAssignments, name), facts);
    return { ...result, evidence: [format(strings.AssignmentOn, name)].concat(result.evidence), links: (result.links || []).concat(links) };
  }

  const list = facts.assignments.value;
  if (list.length === 0) {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [format(strings.AssignmentOn, name), strings.AssignmentNobody],
      nextStep: format(strings.AssignmentNobodyNextStep, name),
      who: 'global-admin',
      links,
    };
  }
  return {
    id: ID,
    title,
    status: 'pass',
    evidence: [format(strings.AssignmentOn, name), format(strings.AssignmentAssigned, list.length, shortList(list.map(describeAssignment), MAX_LISTED))],
    links,
  };
}

export const connectorUserAssignmentCheck: Check = {
  id: ID,
  title: strings.TitleConnectorUserAssignment,
  who: 'global-admin',
  dependsOn: ['connector-app'],
  evaluate,
};
