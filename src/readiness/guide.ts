/**
 * The seed's 9 authorization steps, in order, with their live state: steps 1–5 (any Global or SharePoint admin) create
 * the connector app; steps 6–9 (Global admin only) grant tenant-wide consent, and must come after steps 1–5.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../common/format';
import type { CheckLink, CheckResult } from './check';
import type { ConnectorApp, TenantFacts } from './facts';
import { consentLinks, consentStateOf } from './consent';
import { connectorName } from './wording';
import { entraPropertiesBladeUrl, MOVER_APP_LINK, MOVER_AUTH_SHORT_LINK, entraPermissionsBladeUrl, adminConsentUrl, tenantIdForLogin } from './links';
import { describeScope, requiredScopesOf, type ScopeRef } from './requiredScopes';
import { adminLevel, type AdminLevel } from './roles';

export type GuideWho = 'any-admin' | 'global-admin';
export type GuideState = 'done' | 'todo' | 'blocked';

export interface GuideStep {
  number: number;
  title: string;
  detail: string;
  who: GuideWho;
  state: GuideState;
  /** Why the step is blocked, or what to know before doing it. */
  reason?: string;
  /** A caution to read before doing the step (step 4: do not consent on behalf of the organization). */
  warning?: string;
  /** Optional advice that goes with the step (step 4: turn on "User assignment required"). */
  tip?: string;
  links?: CheckLink[];
}

function existingApp(facts: TenantFacts): ConnectorApp | undefined {
  return facts.connectorApp.ok && facts.connectorApp.value !== undefined ? facts.connectorApp.value : undefined;
}

function levelOf(facts: TenantFacts): AdminLevel | undefined {
  return facts.myRoles.ok ? adminLevel(facts.myRoles.value) : undefined;
}

function organizationName(facts: TenantFacts): string {
  return facts.tenant.ok && facts.tenant.value.displayName ? facts.tenant.value.displayName : strings.YourOrganization;
}

interface StepState {
  state: GuideState;
  reason?: string;
}

function firstStepsState(facts: TenantFacts, app: ConnectorApp | undefined, level: AdminLevel | undefined): StepState {
  if (app) {
    return { state: 'done' };
  }
  if (level === 'none') {
    return { state: 'blocked', reason: strings.GuideNeedsAnyAdmin };
  }
  if (!facts.connectorApp.ok) {
    return { state: 'todo', reason: format(strings.GuideCouldNotCheckApp, facts.connectorApp.message || facts.connectorApp.code) };
  }
  return { state: 'todo' };
}

function consentStepsState(facts: TenantFacts, app: ConnectorApp | undefined, level: AdminLevel | undefined): StepState {
  const consent = consentStateOf(facts);
  if (consent.kind === 'read' && consent.analysis.covered) {
    return { state: 'done' };
  }
  if (level === 'sharepoint-admin' || level === 'none') {
    return { state: 'blocked', reason: strings.GuideNeedsGlobalAdmin };
  }
  if (!app) {
    return { state: 'todo', reason: strings.GuideAfterSteps1to5 };
  }
  if (consent.kind === 'grants-unknown') {
    return { state: 'todo', reason: format(strings.GuideCouldNotCheckConsent, consent.failure.message || consent.failure.code) };
  }
  return { state: 'todo' };
}

function withState(step: Omit<GuideStep, 'state' | 'reason'>, state: StepState): GuideStep {
  const result: GuideStep = { ...step, state: state.state };
  if (state.reason) {
    result.reason = state.reason;
  }
  return result;
}

/** The consent links for steps 6–9: Entra permissions blade + admin-consent URL + aka.ms (only aka.ms while no app exists). */
function consentStepLinks(facts: TenantFacts, app: ConnectorApp | undefined): CheckLink[] {
  return app ? consentLinks(facts, app) : [{ label: strings.LinkMoverAuthShort, href: MOVER_AUTH_SHORT_LINK }];
}

export function buildGuide(facts: TenantFacts, results?: ReadonlyArray<CheckResult>): GuideStep[] {
  const app = existingApp(facts);
  const level = levelOf(facts);
  const name = connectorName(facts);
  const first = firstStepsState(facts, app, level);
  const last = consentStepsState(facts, app, level);
  const shortLink: CheckLink = { label: strings.LinkMoverAuthShort, href: MOVER_AUTH_SHORT_LINK };
  const consent = consentStepLinks(facts, app);

  const step4Links: CheckLink[] = app ? [{ label: strings.LinkEntraProperties, href: entraPropertiesBladeUrl(app.servicePrincipalId, app.appId) }] : [];
  const step5Detail =
    level === 'sharepoint-admin'
      ? `${strings.GuideStep5Detail} ${format(strings.GuideStep5SharePointAdmin, MOVER_AUTH_SHORT_LINK)}`
      : level === 'global-admin'
        ? `${strings.GuideStep5Detail} ${strings.GuideStep5GlobalAdmin}`
        : `${strings.GuideStep5Detail} ${format(strings.GuideStep5Either, MOVER_AUTH_SHORT_LINK)}`;

  const steps: GuideStep[] = [
    withState({ number: 1, title: strings.GuideStep1Title, detail: strings.GuideStep1Detail, who: 'any-admin', links: [{ label: strings.LinkMoverApp, href: MOVER_APP_LINK }] }, first),
    withState({ number: 2, title: strings.GuideStep2Title, detail: strings.GuideStep2Detail, who: 'any-admin' }, first),
    withState({ number: 3, title: strings.GuideStep3Title, detail: strings.GuideStep3Detail, who: 'any-admin' }, first),
    withState(
      {
        number: 4,
        title: strings.GuideStep4Title,
        detail: strings.GuideStep4Detail,
        who: 'any-admin',
        warning: strings.GuideStep4Warning,
        tip: format(strings.GuideStep4Tip, name),
        links: step4Links,
      },
      first
    ),
    withState({ number: 5, title: strings.GuideStep5Title, detail: step5Detail, who: 'any-admin', links: [shortLink] }, first),
    withState({ number: 6, title: strings.GuideStep6Title, detail: format(strings.GuideStep6Detail, MOVER_AUTH_SHORT_LINK), who: 'global-admin', links: consent }, last),
    withState({ number: 7, title: format(strings.GuideStep7Title, name), detail: format(strings.GuideStep7Detail, name), who: 'global-admin', links: consent }, last),
    withState({ number: 8, title: strings.GuideStep8Title, detail: format(strings.GuideStep8Detail, organizationName(facts)), who: 'global-admin', links: consent }, last),
    withState({ number: 9, title: strings.GuideStep9Title, detail: strings.GuideStep9Detail, who: 'global-admin', links: consent }, last),
  ];
  for (const step of steps) {
    if (step.links && step.links.length === 0) {
      delete step.links;
    }
  }
  return steps;
}

function scopeLine(ref: ScopeRef): string {
  const wording = describeScope(ref);
  return wording ? format(strings.ForwardScopeWithWording, ref.label, wording.permission) : format(strings.ForwardScope, ref.label);
}

/**
 * A short message a SharePoint admin can copy to their Global admin, asking for steps 6–9, with the links.
 * Plain text, one line per paragraph, joined with "\n".
 */
export function forwardMessageForGlobalAdmin(facts: TenantFacts): string {
  const app = existingApp(facts);
  const name = connectorName(facts);
  const org = organizationName(facts);
  const lines: string[] = [strings.ForwardGreeting];
  if (app) {
    lines.push(format(strings.ForwardIntro, name, org));
    lines.push(format(strings.ForwardStepBlade, entraPermissionsBladeUrl(app.servicePrincipalId, app.appId)));
    lines.push(format(strings.ForwardStepShortLink, MOVER_AUTH_SHORT_LINK, name));
    lines.push(format(strings.ForwardStepGrant, org));
    lines.push(format(strings.ForwardStepConsentUrl, adminConsentUrl(tenantIdForLogin(facts.tenant), app.appId)));
  } else {
    lines.push(format(strings.ForwardIntroNoApp, name, org));
    lines.push(format(strings.ForwardStepShortLink, MOVER_AUTH_SHORT_LINK, name));
    lines.push(format(strings.ForwardStepGrant, org));
  }
  lines.push(strings.ForwardScopesIntro);
  for (const ref of requiredScopesOf(facts.connector.requiredScopes)) {
    lines.push(scopeLine(ref));
  }
  lines.push(strings.ForwardThanks);
  return lines.join('\n');
}
