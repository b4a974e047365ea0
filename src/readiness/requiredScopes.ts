/**
 * The connector's required delegated scopes ("<resource>/<scope>") and how to compare them with permission grants.
 * The default set is the seed's permission table ("Office 365 permission requirements").
 */
import * as strings from 'ReadinessStrings';
import type { PermissionGrant } from './facts';

export const DEFAULT_CONNECTOR_DISPLAY_NAME = 'Office 365 Mover';

/** The seed's three permissions, as "<resource>/<scope>". */
export const DEFAULT_REQUIRED_SCOPES: ReadonlyArray<string> = [
  'SharePoint/AllSites.Manage',
  'Microsoft Graph/User.Read',
  'Microsoft Graph/offline_access',
];

/** Well-known resource application ids. */
export const ResourceAppIds = {
  MicrosoftGraph: '00000003-0000-0000-c000-000000000000',
  SharePoint: '00000003-0000-0ff1-ce00-000000000000',
} as const;

export const GRAPH_RESOURCE = 'Microsoft Graph';
export const SHAREPOINT_RESOURCE = 'SharePoint';

/** How a scope reads on the consent screen and what it allows, in the seed's wording when the seed has it. */
export interface ScopeWording {
  /** The permission as the consent screen names it, e.g. "View your basic profile". */
  permission: string;
  /** What it allows the connector to do. */
  allows: string;
}

/** The seed's wording for its three permissions, keyed by scopeKey(). */
function seedWording(): Readonly<Record<string, ScopeWording>> {
  const table: Record<string, ScopeWording> = {};
  table[scopeKey(SHAREPOINT_RESOURCE, 'AllSites.Manage')] = { permission: strings.ScopeAllSitesManagePermission, allows: strings.ScopeAllSitesManageAllows };
  table[scopeKey(GRAPH_RESOURCE, 'User.Read')] = { permission: strings.ScopeUserReadPermission, allows: strings.ScopeUserReadAllows };
  table[scopeKey(GRAPH_RESOURCE, 'offline_access')] = { permission: strings.ScopeOfflineAccessPermission, allows: strings.ScopeOfflineAccessAllows };
  table[scopeKey(GRAPH_RESOURCE, 'openid')] = { permission: strings.ScopeOpenIdPermission, allows: strings.ScopeOpenIdAllows };
  table[scopeKey(GRAPH_RESOURCE, 'profile')] = { permission: strings.ScopeProfilePermission, allows: strings.ScopeProfileAllows };
  table[scopeKey(GRAPH_RESOURCE, 'email')] = { permission: strings.ScopeEmailPermission, allows: strings.ScopeEmailAllows };
  return table;
}

/**
 * OpenID Connect sign-in scopes: they give no access to data, so a tenant-wide grant of them is not counted as
 * "more than required".
 */
const SIGN_IN_SCOPES: ReadonlyArray<string> = ['openid', 'profile', 'email'];

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function contains(haystack: string, needle: string): boolean {
  return needle.length > 0 && haystack.indexOf(needle) >= 0;
}

/**
 * The canonical name of a resource: "Microsoft Graph" and "SharePoint" for the two well-known ones (matched by app id,
 * or loosely by name: "Office 365 SharePoint Online" → "SharePoint", "https://graph.microsoft.com" → "Microsoft Graph"),
 * otherwise the name as given (trimmed).
 */
export function canonicalResource(name: string, appId?: string): string {
  const id = (appId || '').trim().toLowerCase();
  const normalized = normalizeName(name);
  if (id === ResourceAppIds.MicrosoftGraph || normalized === ResourceAppIds.MicrosoftGraph.replace(/-/g, '')) {
    return GRAPH_RESOURCE;
  }
  if (id === ResourceAppIds.SharePoint || normalized === ResourceAppIds.SharePoint.replace(/-/g, '')) {
    return SHAREPOINT_RESOURCE;
  }
  if (contains(normalized, 'sharepoint')) {
    return SHAREPOINT_RESOURCE;
  }
  if (normalized === 'graph' || normalized === 'msgraph' || contains(normalized, 'microsoftgraph') || contains(normalized, 'graphmicrosoftcom')) {
    return GRAPH_RESOURCE;
  }
  return name.trim();
}

/** Case-insensitive identity of a scope on a resource. */
export function scopeKey(resource: string, scope: string, resourceAppId?: string): string {
  return `${normalizeName(canonicalResource(resource, resourceAppId))}/${scope.trim().toLowerCase()}`;
}

/** A "<resource>/<scope>" setting, parsed. */
export interface ScopeRef {
  /** Canonical resource name ("SharePoint", "Microsoft Graph" or the name as configured). */
  resource: string;
  scope: string;
  /** "<resource>/<scope>" with the canonical resource name. */
  label: string;
  key: string;
}

/**
 * Parses "<resource>/<scope>" (split at the last "/", so a resource URL works too). A bare scope ("User.Read") is a
 * Microsoft Graph scope, as in Entra's own permission lists.
 */
export function parseScope(text: string): ScopeRef {
  const trimmed = text.trim();
  const slash = trimmed.lastIndexOf('/');
  const rawResource = slash > 0 ? trimmed.substring(0, slash) : GRAPH_RESOURCE;
  const scope = slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
  const resource = canonicalResource(rawResource);
  return { resource, scope, label: `${resource}/${scope}`, key: scopeKey(resource, scope) };
}

/** True when the grant is on the resource named by a required scope (loose: by app id, canonical name or containment). */
export function grantIsOnResource(resource: string, grant: PermissionGrant): boolean {
  const wanted = canonicalResource(resource);
  if (wanted.toLowerCase() === (grant.resourceAppId || '').toLowerCase()) {
    return true;
  }
  const granted = canonicalResource(grant.resourceDisplayName, grant.resourceAppId);
  if (normalizeName(wanted) === normalizeName(granted)) {
    return true;
  }
  const a = normalizeName(wanted);
  const b = normalizeName(grant.resourceDisplayName);
  return contains(b, a) || contains(a, b);
}

/** The seed's (or Entra's) wording for a scope, when we know it. */
export function describeScope(ref: ScopeRef): ScopeWording | undefined {
  return seedWording()[ref.key];
}

export function isSignInScope(ref: ScopeRef): boolean {
  return ref.resource === GRAPH_RESOURCE && SIGN_IN_SCOPES.indexOf(ref.scope.toLowerCase()) >= 0;
}

/** The configured required scopes, parsed and de-duplicated; the seed's defaults when none are configured. */
export function requiredScopesOf(configured: ReadonlyArray<string> | undefined): ScopeRef[] {
  const source = configured && configured.some((s: string) => s.trim().length > 0) ? configured : DEFAULT_REQUIRED_SCOPES;
  const seen: string[] = [];
  const refs: ScopeRef[] = [];
  for (const text of source) {
    if (text.trim().length === 0) {
      continue;
    }
    const ref = parseScope(text);
    if (seen.indexOf(ref.key) < 0) {
      seen.push(ref.key);
      refs.push(ref);
    }
  }
  return refs;
}
