import type { ConnectorSettings } from '../../readiness/facts';
import { DEFAULT_CONNECTOR_DISPLAY_NAME, DEFAULT_REQUIRED_SCOPES } from '../../readiness/requiredScopes';

/** The web part's properties (property pane). */
export interface MigrationReadinessWebPartProps {
  connectorAppId?: string;
  connectorDisplayName?: string;
  /** One "<resource>/<scope>" per line. */
  requiredScopes?: string;
}

/** Property pane values → connector settings, defaults filled in. */
export function connectorSettingsFrom(props: MigrationReadinessWebPartProps): ConnectorSettings {
  const appId = (props.connectorAppId || '').trim();
  const displayName = (props.connectorDisplayName || '').trim() || DEFAULT_CONNECTOR_DISPLAY_NAME;
  const scopes = (props.requiredScopes || '')
    .split(/\r?\n|,/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return {
    ...(appId ? { appId } : {}),
    displayName,
    requiredScopes: scopes.length > 0 ? scopes : DEFAULT_REQUIRED_SCOPES.slice(),
  };
}
