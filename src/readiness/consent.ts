/**
 * Required vs granted delegated scopes of the connector app. Shared by connector-consent, connector-user-count and the
 * guide (steps 6–9 are done when tenant-wide consent covers every required scope).
 */
import * as strings from 'ReadinessStrings';
import type { CheckLink, ConsentRow } from './check';
import type { ConnectorApp, PermissionGrant, TenantFacts } from './facts';
import type { Failure } from '../common/outcome';
import {
  canonicalResource,
  describeScope,
  grantIsOnResource,
  isSignInScope,
  parseScope,
  requiredScopesOf,
  scopeKey,
  type ScopeRef,
} from './requiredScopes';
import { adminConsentUrl, entraPermissionsBladeUrl, MOVER_AUTH_SHORT_LINK, tenantIdForLogin } from './links';

export interface ConsentAnalysis {
  /** Required scopes first (in configured order), then every other granted scope. */
  rows: ConsentRow[];
  /** Required scopes not granted tenant-wide (labels). */
  missing: string[];
  /** Required scopes granted only per user (consentType Principal). */
  perUserOnly: string[];
  /** Required scopes not granted at all. */
  notGranted: string[];
  /** Required scopes granted tenant-wide. */
  grantedTenantWide: string[];
  /** Tenant-wide scopes beyond the required ones (sign-in scopes openid/profile/email not counted). */
  extraTenantWide: string[];
  /** How many distinct users consented for themselves only. */
  perUserConsenters: number;
  /** Every required scope is granted tenant-wide (AllPrincipals). */
  covered: boolean;
}

function grantHasScope(grant: PermissionGrant, ref: ScopeRef): boolean {
  if (!grantIsOnResource(ref.resource, grant)) {
    return false;
  }
  const wanted = ref.scope.toLowerCase();
  return grant.scopes.some((scope: string) => scope.trim().toLowerCase() === wanted);
}

function allowsOf(ref: ScopeRef): Pick<ConsentRow, 'allows' | 'detail'> {
  const wording = describeScope(ref);
  return wording ? { allows: wording.permission, detail: wording.allows } : { allows: strings.ConsentAllowsUndocumented };
}

/** The consent table when nothing is granted (no app, or the grants could not be read). */
export function requiredOnlyTable(configured: ReadonlyArray<string> | undefined): ConsentRow[] {
  return requiredScopesOf(configured).map((ref: ScopeRef) => ({
    scope: ref.label,
    ...allowsOf(ref),
    required: true,
    grantedTenantWide: false,
    grantedPerUserOnly: false,
  }));
}

export function analyzeConsent(configured: ReadonlyArray<string> | undefined, grants: ReadonlyArray<PermissionGrant>): ConsentAnalysis {
  const required = requiredScopesOf(configured);
  const tenantWideGrants = grants.filter((g: PermissionGrant) => g.consentType === 'AllPrincipals');
  const perUserGrants = grants.filter((g: PermissionGrant) => g.consentType === 'Principal');

  const analysis: ConsentAnalysis = {
    rows: [],
    missing: [],
    perUserOnly: [],
    notGranted: [],
    grantedTenantWide: [],
    extraTenantWide: [],
    perUserConsenters: 0,
    covered: false,
  };

  for (const ref of required) {
    const tenantWide = tenantWideGrants.some((g: PermissionGrant) => grantHasScope(g, ref));
    const perUser = !tenantWide && perUserGrants.some((g: PermissionGrant) => grantHasScope(g, ref));
    analysis.rows.push({ scope: ref.label, ...allowsOf(ref), required: true, grantedTenantWide: tenantWide, grantedPerUserOnly: perUser });
    if (tenantWide) {
      analysis.grantedTenantWide.push(ref.label);
    } else {
      analysis.missing.push(ref.label);
      (perUser ? analysis.perUserOnly : analysis.notGranted).push(ref.label);
    }
  }

  // Every granted scope that is not required, once, tenant-wide winning over per user.
  const requiredKeys = required.map((ref: ScopeRef) => ref.key);
  const extraKeys: string[] = [];
  const extraRows: ConsentRow[] = [];
  const ordered = tenantWideGrants.concat(perUserGrants);
  for (const grant of ordered) {
    const resource = canonicalResource(grant.resourceDisplayName, grant.resourceAppId);
    for (const rawScope of grant.scopes) {
      const scope = rawScope.trim();
      if (scope.length === 0) {
        continue;
      }
      const key = scopeKey(resource, scope);
      if (requiredKeys.indexOf(key) >= 0 || extraKeys.indexOf(key) >= 0) {
        continue;
      }
      extraKeys.push(key);
      const ref = parseScope(`${resource}/${scope}`);
      const tenantWide = grant.consentType === 'AllPrincipals';
      extraRows.push({ scope: ref.label, ...allowsOf(ref), required: false, grantedTenantWide: tenantWide, grantedPerUserOnly: !tenantWide });
      if (tenantWide && !isSignInScope(ref)) {
        analysis.extraTenantWide.push(ref.label);
      }
    }
  }
  analysis.rows = analysis.rows.concat(extraRows);

  const consenters: string[] = [];
  for (const grant of perUserGrants) {
    const who = grant.principalId || grant.id;
    if (consenters.indexOf(who) < 0) {
      consenters.push(who);
    }
  }
  analysis.perUserConsenters = consenters.length;
  analysis.covered = analysis.missing.length === 0;
  return analysis;
}

/** What we know about the connector's consent, from the facts. */
export type ConsentState =
  | { kind: 'app-unknown'; failure: Failure }
  | { kind: 'no-app' }
  | { kind: 'grants-not-read'; app: ConnectorApp }
  | { kind: 'grants-unknown'; app: ConnectorApp; failure: Failure }
  | { kind: 'read'; app: ConnectorApp; analysis: ConsentAnalysis };

export function consentStateOf(facts: TenantFacts): ConsentState {
  const appOutcome = facts.connectorApp;
  if (!appOutcome.ok) {
    return { kind: 'app-unknown', failure: appOutcome };
  }
  const app = appOutcome.value;
  if (app === undefined) {
    return { kind: 'no-app' };
  }
  if (facts.grants === undefined) {
    return { kind: 'grants-not-read', app };
  }
  if (!facts.grants.ok) {
    return { kind: 'grants-unknown', app, failure: facts.grants };
  }
  return { kind: 'read', app, analysis: analyzeConsent(facts.connector.requiredScopes, facts.grants.value) };
}

/** True only when the facts show tenant-wide consent covering every required scope. */
export function tenantWideConsentCovers(facts: TenantFacts): boolean {
  const state = consentStateOf(facts);
  return state.kind === 'read' && state.analysis.covered;
}

/** Where a Global admin grants tenant-wide consent (steps 6–9): the app's Permissions blade, the admin-consent URL, the seed's short link. */
export function consentLinks(facts: TenantFacts, app: ConnectorApp): CheckLink[] {
  return [
    { label: strings.LinkEntraPermissions, href: entraPermissionsBladeUrl(app.servicePrincipalId, app.appId) },
    { label: strings.LinkAdminConsent, href: adminConsentUrl(tenantIdForLogin(facts.tenant), app.appId) },
    { label: strings.LinkMoverAuthShort, href: MOVER_AUTH_SHORT_LINK },
  ];
}
