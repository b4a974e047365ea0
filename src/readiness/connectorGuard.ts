/**
 * The one guard the connector checks share: before a connector check can look at consent or assignments, the
 * connector app must have been read (else `unknown` with the reason), must exist (else the check's own "no app"
 * verdict) and, for consent, its grants must have been read (else `unknown`).
 */
import * as strings from 'ReadinessStrings';
import { format } from '../common/format';
import type { CheckId, CheckResult } from './check';
import { consentLinks, consentStateOf, type ConsentAnalysis } from './consent';
import { connectorName } from './wording';
import type { ConnectorApp, TenantFacts } from './facts';
import { unknownFromFailure } from './unknown';

/** What a check says when the connector app does not exist (its status, evidence, next step, who, links). */
export type NoAppVerdict = Omit<CheckResult, 'id' | 'title'>;

export type Guarded<T> = { stop: CheckResult } | ({ stop?: undefined } & T);

/** The connector app, or the result that stops the check (app not read, or not in the tenant). */
export function guardApp(id: CheckId, title: string, facts: TenantFacts, noApp: NoAppVerdict): Guarded<{ app: ConnectorApp }> {
  if (!facts.connectorApp.ok) {
    return { stop: unknownFromFailure(id, title, facts.connectorApp, format(strings.WhatConnectorApp, connectorName(facts)), facts) };
  }
  const app = facts.connectorApp.value;
  if (app === undefined) {
    return { stop: { id, title, ...noApp } };
  }
  return { app };
}

/** The connector app and the analysis of its grants, or the result that stops the check. */
export function guardGrants(
  id: CheckId,
  title: string,
  facts: TenantFacts,
  noApp: NoAppVerdict,
): Guarded<{ app: ConnectorApp; analysis: ConsentAnalysis }> {
  const guarded = guardApp(id, title, facts, noApp);
  if (guarded.stop) {
    return guarded;
  }
  const state = consentStateOf(facts);
  switch (state.kind) {
    case 'app-unknown':
    case 'no-app':
      // guardApp already stopped on these; kept for the exhaustive switch.
      return { stop: { id, title, ...noApp } };
    case 'grants-not-read':
      return {
        stop: {
          id,
          title,
          status: 'unknown',
          evidence: [strings.ConsentGrantsNotRead],
          nextStep: strings.RecheckNextStep,
          who: 'any-admin',
          links: consentLinks(facts, state.app),
        },
      };
    case 'grants-unknown':
      return { stop: unknownFromFailure(id, title, state.failure, format(strings.WhatGrants, connectorName(facts)), facts) };
    case 'read':
      return { app: state.app, analysis: state.analysis };
  }
}
