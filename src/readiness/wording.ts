/** Small shared wording helpers for the checks (names of things as shown in evidence). */
import * as strings from 'ReadinessStrings';
import { format } from '../common/format';
import type { TenantFacts } from './facts';
import { DEFAULT_CONNECTOR_DISPLAY_NAME } from './requiredScopes';

/** The signed-in admin as shown in evidence: their UPN, or "You" when it could not be read. */
export function signedInName(facts: TenantFacts): string {
  return facts.me.ok && facts.me.value.userPrincipalName ? facts.me.value.userPrincipalName : strings.SignedInUserFallback;
}

/** The connector app's display name: as found, else as configured, else "Office 365 Mover". */
export function connectorName(facts: TenantFacts): string {
  if (facts.connectorApp.ok && facts.connectorApp.value !== undefined && facts.connectorApp.value.displayName) {
    return facts.connectorApp.value.displayName;
  }
  const configured = (facts.connector.displayName || '').trim();
  return configured || DEFAULT_CONNECTOR_DISPLAY_NAME;
}

/** How the connector was looked for: by app id when configured, else by display name. */
export function connectorLookup(facts: TenantFacts): string {
  const appId = (facts.connector.appId || '').trim();
  return appId ? format(strings.ConnectorLookupByAppId, appId) : format(strings.ConnectorLookupByName, connectorName(facts));
}

/** "a, b, c" or the localized "none". */
export function listOrNone(items: ReadonlyArray<string>): string {
  return items.length > 0 ? items.join(', ') : strings.ListNone;
}

/** "a, b, c and 7 more" for long lists shown in evidence. */
export function shortList(items: ReadonlyArray<string>, max: number): string {
  if (items.length <= max) {
    return listOrNone(items);
  }
  return format(strings.ListAndMore, items.slice(0, max).join(', '), items.length - max);
}
