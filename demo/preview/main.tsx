import * as React from 'react';
import * as ReactDom from 'react-dom';
import { ReadinessController } from '../../src/app/controller';
import { DEFAULT_CONNECTOR_DISPLAY_NAME, DEFAULT_REQUIRED_SCOPES } from '../../src/readiness/requiredScopes';
import { createDirectClients } from '../../src/tenant/clients';
import { createTenantPorts } from '../../src/tenant/tenantPorts';
import { App } from '../../src/ui/App';
import { browserHost } from '../../src/ui/host';
import { teamsTheme, type TeamsThemeName } from '../../src/ui/themes';
import { registerPreviewIcons } from './icons';

/** What the preview server writes into the page. */
interface PreviewConfig {
  scenario: string;
  /** The tenant's real-looking admin URL (for the PowerShell export), e.g. https://contoso-admin.sharepoint.com */
  displayAdminUrl: string;
  token: string;
  /** Graph's base URL when Graph is on another origin; default `${origin}/graph/v1.0`. */
  graphBaseUrl?: string;
  /** The admin host's site URL when it is on another origin; default `${origin}/sp-admin`. */
  adminUrl?: string;
}

declare global {
  interface Window {
    __MR_PREVIEW__?: PreviewConfig;
  }
}

/**
 * The demo composition root: the same UI tree and adapters as the web part, pointed at the tenant simulator. As in
 * SharePoint, the page's own site (the hosting site, this origin) is reached with the page's cookie session; Graph and
 * the admin host (their own origins) with a demo bearer token. Query options: ?theme=default|dark|contrast, ?appId=…,
 * ?displayName=….
 */
function main(): void {
  const config = window.__MR_PREVIEW__;
  const root = document.getElementById('root');
  if (!config || !root) {
    throw new Error('The preview page is missing its configuration.');
  }
  registerPreviewIcons();
  const origin = window.location.origin;
  const query = new URLSearchParams(window.location.search);
  const clients = createDirectClients({
    graphBaseUrl: config.graphBaseUrl ?? `${origin}/graph/v1.0`,
    siteUrl: `${origin}/sp/sites/migration`,
    adminUrl: config.adminUrl ?? `${origin}/sp-admin`,
    token: config.token,
    siteSession: true,
  });
  const ports = { ...createTenantPorts(clients, window.localStorage), adminUrl: config.displayAdminUrl };
  const appId = query.get('appId');
  const controller = new ReadinessController(
    { ports },
    {
      ...(appId ? { appId } : {}),
      displayName: query.get('displayName') || DEFAULT_CONNECTOR_DISPLAY_NAME,
      requiredScopes: DEFAULT_REQUIRED_SCOPES.slice(),
    },
  );
  const themeName = (query.get('theme') || 'default') as TeamsThemeName;
  const theme = teamsTheme(themeName);
  document.body.style.background = theme.semanticColors.bodyBackground;
  document.body.style.color = theme.semanticColors.bodyText;
  ReactDom.render(<App controller={controller} host={browserHost} theme={theme} demoScenario={config.scenario} />, root);
  void controller.start();
}

main();
