import { graphfi, DefaultHeaders as GraphDefaultHeaders, DefaultInit as GraphDefaultInit, SPFx as GraphSPFx, type GraphFI } from '@pnp/graph';
import { BearerToken, DefaultParse, InjectHeaders } from '@pnp/queryable';
import { spfi, SPBrowser, SPFx as SpSPFx, SPFxToken, type SPFI } from '@pnp/sp';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './http/retryPolicy';
import { ThrottlingRetry } from './http/throttlingRetry';
import { WaitFeed } from './http/waitFeed';

/** The PnPjs roots every adapter is built from. Only base URLs and the token source differ between hosts. */
export interface TenantClients {
  graph: GraphFI;
  /** Graph's base URL, e.g. https://graph.microsoft.com/v1.0: nextLinks are followed only to its origin. */
  graphBaseUrl: string;
  /** The retry policy the roots use, for adapters that retry items inside a $batch themselves. */
  retry?: RetryPolicy;
  /** The hosting site (where the provisioning log list lives). */
  site: SPFI;
  /** The tenant admin host, e.g. https://contoso-admin.sharepoint.com. */
  admin: SPFI;
  siteUrl: string;
  adminUrl: string;
  /** Every wait of the clients' ThrottlingRetry (throttling, backoff), for the pane to show. */
  waits: WaitFeed;
}

/**
 * The slice of the SPFx web part context the adapters use (structural, as PnPjs takes it): the page context for
 * URLs and form digests, and the AAD token provider for hosts other than the page's own (the admin host, Graph).
 */
export interface SpfxContextSlice {
  pageContext: {
    web: { absoluteUrl: string };
    legacyPageContext?: { formDigestValue?: string; formDigestTimeoutSeconds?: number };
  };
  aadTokenProviderFactory?: { getTokenProvider(): Promise<{ getToken(resource: string): Promise<string> }> };
}

/** Microsoft Graph v1.0, where PnPjs's SPFx behaviour sends Graph calls. */
export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** https://contoso.sharepoint.com/sites/x → https://contoso-admin.sharepoint.com (also for contoso-my hosts). */
export function adminUrlFor(siteUrl: string): string {
  const url = new URL(siteUrl);
  const dot = url.hostname.indexOf('.');
  const tenant = url.hostname.substring(0, dot).replace(/-(my|admin)$/, '');
  return `${url.protocol}//${tenant}-admin${url.hostname.substring(dot)}`;
}

/** Composition in SharePoint / Teams: cookies for the page's own site, AAD tokens for Graph and the admin host. */
export function createSpfxClients(context: SpfxContextSlice): TenantClients {
  const siteUrl = context.pageContext.web.absoluteUrl;
  const adminUrl = adminUrlFor(siteUrl);
  // PnPjs types its context parameter loosely; our slice carries exactly what its behaviours read.
  const pnpContext = context as Parameters<typeof SpSPFx>[0];
  const waits = new WaitFeed();
  return {
    graph: graphfi().using(GraphSPFx(pnpContext), ThrottlingRetry(DEFAULT_RETRY_POLICY, waits.observe)),
    graphBaseUrl: GRAPH_BASE_URL,
    site: spfi(siteUrl).using(SpSPFx(pnpContext), ThrottlingRetry(DEFAULT_RETRY_POLICY, waits.observe)),
    admin: spfi(adminUrl).using(SpSPFx(pnpContext), SPFxToken(pnpContext), ThrottlingRetry(DEFAULT_RETRY_POLICY, waits.observe)),
    siteUrl,
    adminUrl,
    waits,
  };
}

export interface DirectClientOptions {
  graphBaseUrl: string;
  siteUrl: string;
  adminUrl: string;
  token: string;
  /** Defaults to the production policy. */
  retry?: RetryPolicy;
  /**
   * Reach the hosting site as an SPFx page does: with the page's SharePoint cookie session (same-origin) instead of a
   * bearer token; PnPjs then fetches a form digest (`_api/contextinfo`) for writes. Default false.
   */
  siteSession?: boolean;
  /** With `siteSession` outside a browser (Node tests): the `Cookie` header to send, e.g. "FedAuth=…". */
  siteCookie?: string;
}

/** Composition with explicit URLs and a bearer token: the demo preview, tests and benchmarks (the tenant simulator). */
export function createDirectClients(options: DirectClientOptions): TenantClients {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const waits = new WaitFeed();
  return {
    graph: graphfi().using(GraphDefaultHeaders(), GraphDefaultInit(options.graphBaseUrl), DefaultParse(), ThrottlingRetry(retry, waits.observe), BearerToken(options.token)),
    graphBaseUrl: options.graphBaseUrl,
    retry,
    site: options.siteSession
      ? spfi(options.siteUrl).using(
          SPBrowser({ baseUrl: options.siteUrl }),
          ThrottlingRetry(retry, waits.observe),
          ...(options.siteCookie !== undefined ? [InjectHeaders({ Cookie: options.siteCookie })] : []),
        )
      : spfi(options.siteUrl).using(SPBrowser({ baseUrl: options.siteUrl }), ThrottlingRetry(retry, waits.observe), BearerToken(options.token)),
    admin: spfi(options.adminUrl).using(SPBrowser({ baseUrl: options.adminUrl }), ThrottlingRetry(retry, waits.observe), BearerToken(options.token)),
    siteUrl: options.siteUrl,
    adminUrl: options.adminUrl,
    waits,
  };
}
