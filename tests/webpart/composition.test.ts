/** @jest-environment ./tests/support/jsdom-with-fetch.js */
/**
 * The SharePoint / Teams composition root, run: `createSpfxClients` with the slice of the SPFx context it reads, and the
 * web part class's lifecycle (onInit, render, theme, property pane, dispose).
 *
 * The boundary is `fetch`: a recording fetch stands for the browser on https://contoso.sharepoint.com/sites/migration.
 * It writes down every request as the page sends it (origin, headers, credentials), then delivers it to the demo
 * tenant simulator (`ready`) on the matching path — attaching the SharePoint session cookie only to requests for the
 * page's own origin, as a browser does with `credentials: 'same-origin'`. Nothing of ours and nothing of PnPjs is mocked.
 *
 * The SPFx packages cannot be loaded under jest: @microsoft/sp-core-library (needed by sp-webpart-base,
 * sp-property-pane and sp-component-base) requires `@msinternal/ecs-flight`, and sp-webpart-base needs
 * `@msinternal/sp-telemetry`, `@msinternal/sp-edit-customer-promise` and a dozen more `@msinternal/*` modules that are
 * not published to npm (SharePoint's module loader provides them on the page); sp-webpart-base's CommonJS entry
 * (`lib-commonjs/index.js`) is not even in the package. So the three SPFx modules the web part imports are replaced
 * below by the few members it uses — the base class supplies only what SPFx's does to a subclass (`context`,
 * `properties`, `domElement`, a resolving `onInit`) — and the web part's own code runs unchanged. SPFx's own lifecycle
 * (`_internalInitialize`, property deserialization, render scheduling) is not exercised here.
 */
import { act, waitFor } from '@testing-library/react';
import type { RunningSimulator } from '../../demo/simulator';
import { startSimulator } from '../../demo/simulator';
import { createSpfxClients, GRAPH_BASE_URL, type SpfxContextSlice } from '../../src/tenant/clients';
import { createTenantPorts } from '../../src/tenant/tenantPorts';
import MigrationReadinessWebPart from '../../src/webparts/migrationReadiness/MigrationReadinessWebPart';
import type { MigrationReadinessWebPartProps } from '../../src/webparts/migrationReadiness/settings';
import { MemoryStorage, scenario } from '../support/tenant';

jest.mock('@microsoft/sp-webpart-base', () => {
  /** What SPFx's BaseClientSideWebPart gives a subclass; the host sets `context` and `properties` before onInit. */
  class BaseClientSideWebPart {
    public context: unknown;
    public properties: unknown;
    public get domElement(): HTMLElement {
      return (this.context as { domElement: HTMLElement }).domElement;
    }
    protected onInit(): Promise<void> {
      return Promise.resolve();
    }
  }
  return { BaseClientSideWebPart };
});
jest.mock('@microsoft/sp-core-library', () => ({ Version: { parse: (version: string) => ({ toString: () => version }) } }));
jest.mock('@microsoft/sp-property-pane', () => ({
  PropertyPaneTextField: (targetProperty: string, properties: object) => ({ type: 'TextField', targetProperty, properties }),
}));

const PAGE_ORIGIN = 'https://contoso.sharepoint.com';
const SITE_URL = `${PAGE_ORIGIN}/sites/migration`;
const ADMIN_URL = 'https://contoso-admin.sharepoint.com';
const GRAPH = 'https://graph.microsoft.com';
const CHECK_IDS = [
  'tenant-spo-license',
  'admin-role',
  'admin-license',
  'admin-onedrive',
  'connector-app',
  'connector-consent',
  'connector-user-assignment',
  'connector-user-count',
  'users-onedrive',
];

/** One request as the page sent it. */
interface Sent {
  method: string;
  url: URL;
  /** Header names in lower case. */
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

const realFetch = globalThis.fetch;
let sim: RunningSimulator;
let sent: Sent[] = [];
/** The form digest SharePoint rendered into the page (legacyPageContext.formDigestValue). */
let pageDigest: string;

/** The browser's network, as seen from the page: records, then delivers to the simulator's matching path. */
async function browserFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  sent.push({ method: (init.method || 'GET').toUpperCase(), url, headers, credentials: init.credentials });
  const routes: Array<[string, string]> = [
    [GRAPH_BASE_URL, sim.graphBaseUrl],
    [ADMIN_URL, sim.spAdminUrl],
    [SITE_URL, sim.siteUrl],
  ];
  const route = routes.find(([prefix]) => url.href.toLowerCase().startsWith(prefix.toLowerCase()));
  if (!route) {
    throw new TypeError(`fetch failed: nothing answers ${url.origin} in this test`);
  }
  const forward = new Headers(init.headers);
  if (url.origin === PAGE_ORIGIN && init.credentials !== 'omit') {
    // The page's own SharePoint session: the browser sends its cookie to the page's origin only.
    forward.set('Cookie', sim.sessionCookie);
  }
  return realFetch(route[1] + url.href.substring(route[0].length), { ...init, headers: forward });
}

/** The SPFx context slice: page URL, the page's form digest, and an AAD token provider that records each resource. */
function spfxContext(asked: string[]): SpfxContextSlice {
  return {
    pageContext: { web: { absoluteUrl: SITE_URL }, legacyPageContext: { formDigestValue: pageDigest, formDigestTimeoutSeconds: 1800 } },
    aadTokenProviderFactory: {
      getTokenProvider: async () => ({
        getToken: async (resource: string) => {
          asked.push(resource);
          return `token-for ${resource}`;
        },
      }),
    },
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

beforeAll(async () => {
  sim = await startSimulator({ fixture: scenario('ready'), port: 0 });
  pageDigest = sim.state.issueFormDigest(Date.now(), 1800);
  globalThis.fetch = browserFetch as typeof fetch;
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await sim.close();
});

beforeEach(() => {
  sent = [];
});

describe('createSpfxClients: the PnPjs roots the web part builds from its SPFx context', () => {
  it('sends Graph and the admin host a bearer token each for its own resource, and the hosting site none (its cookie session and the page digest)', async () => {
    const asked: string[] = [];
    const clients = createSpfxClients(spfxContext(asked));
    expect([clients.graphBaseUrl, clients.siteUrl, clients.adminUrl]).toEqual([GRAPH_BASE_URL, SITE_URL, ADMIN_URL]);
    const ports = createTenantPorts(clients, new MemoryStorage());

    const organization = await ports.directory.getTenant(); // Graph GET
    const log = await ports.log.load(); // hosting-site GET
    const sites = await ports.sites.getPersonalSitesPage(); // admin-host CSOM POST
    const enqueued = await ports.requester.enqueue(['adele.vance@contoso.onmicrosoft.com']); // hosting-site POST
    expect(organization).toMatchObject({ ok: true, value: { initialDomain: 'contoso.onmicrosoft.com' } });
    expect(log).toEqual({ ok: true, value: [] });
    expect(sites.ok && sites.value.items.length).toBeGreaterThan(0);
    expect(enqueued).toMatchObject({ ok: true, value: { path: 'site-session', attempts: [{ path: 'site-session', host: 'contoso.sharepoint.com', outcome: 'accepted' }] } });

    expect(unique(sent.map((r) => r.url.origin))).toEqual([ADMIN_URL, PAGE_ORIGIN, GRAPH].sort());
    const graph = sent.filter((r) => r.url.origin === GRAPH);
    const admin = sent.filter((r) => r.url.origin === ADMIN_URL);
    const site = sent.filter((r) => r.url.origin === PAGE_ORIGIN);
    expect(graph.map((r) => r.headers.authorization)).toEqual(graph.map(() => `Bearer token-for ${GRAPH}`));
    expect(admin.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['POST /_vti_bin/client.svc/ProcessQuery']);
    expect(admin.map((r) => r.headers.authorization)).toEqual([`Bearer token-for ${ADMIN_URL}`]);
    expect(site.map((r) => r.method).sort()).toEqual(['GET', 'POST']);
    for (const request of site) {
      expect(request.headers).not.toHaveProperty('authorization');
      expect(request.credentials).toBe('same-origin');
    }
    expect(site.filter((r) => r.method === 'POST').map((r) => r.headers['x-requestdigest'])).toEqual([pageDigest]);
    // The digest comes from the page context: no request asks SharePoint for one.
    expect(sent.some((r) => /\/_api\/contextinfo$/i.test(r.url.pathname))).toBe(false);
    expect(unique(asked)).toEqual([ADMIN_URL, GRAPH].sort());
  });
});

// ------------------------------------------------------------------------------------------------------ the web part

interface TeamsSdk {
  teamsJs: { app: { getContext(): Promise<{ app: { theme: string } }>; registerOnThemeChangeHandler(handler: (theme: string) => void): void } };
}

/** The members of the web part the SPFx host calls (protected in the class). */
interface HostView {
  context: unknown;
  properties: MigrationReadinessWebPartProps;
  onInit(): Promise<void>;
  render(): void;
  onThemeChanged(theme: object | undefined): void;
  onPropertyPaneFieldChanged(): void;
  onDispose(): void;
  getPropertyPaneConfiguration(): { pages: Array<{ groups: Array<{ groupFields: Array<{ targetProperty: string }> }> }> };
  dataVersion: { toString(): string };
}

interface Mounted {
  part: HostView;
  domElement: HTMLElement;
  asked: string[];
}

/** As the SPFx host does: construct, give it its context and properties, then onInit and render. */
async function mount(properties: MigrationReadinessWebPartProps, microsoftTeams?: TeamsSdk): Promise<Mounted> {
  const asked: string[] = [];
  const domElement = document.createElement('div');
  document.body.appendChild(domElement);
  const part = new MigrationReadinessWebPart() as unknown as HostView;
  part.context = { ...spfxContext(asked), domElement, sdks: microsoftTeams ? { microsoftTeams } : {} };
  part.properties = properties;
  await act(async () => {
    await part.onInit();
    part.render();
  });
  return { part, domElement, asked };
}

function statuses(domElement: HTMLElement): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  domElement.querySelectorAll('[data-check-id]').forEach((element) => {
    result[element.getAttribute('data-check-id') as string] = element.getAttribute('data-status');
  });
  return result;
}

/** Waits until every check has its final status (the ready tenant: all pass). */
async function allPass(domElement: HTMLElement): Promise<void> {
  await waitFor(() => expect(statuses(domElement)).toEqual(Object.fromEntries(CHECK_IDS.map((id) => [id, 'pass']))), { timeout: 15000 });
}

/** The background colour the pane's root (Fluent's ThemeProvider) gets from its theme's bodyBackground. */
function paneBackground(domElement: HTMLElement): string | undefined {
  const root = domElement.firstElementChild;
  return root ? getComputedStyle(root).backgroundColor : undefined;
}

function unmount(mounted: Mounted): void {
  act(() => mounted.part.onDispose());
  mounted.domElement.remove();
}

describe('MigrationReadinessWebPart (SPFx base class stood in for; see the file comment)', () => {
  it('onInit builds the pane over createSpfxClients(this.context) and render shows every check, passing in the ready tenant', async () => {
    const mounted = await mount({});
    expect(mounted.domElement.querySelectorAll('[data-check-id]')).toHaveLength(CHECK_IDS.length);
    await allPass(mounted.domElement);

    // Every call went where createSpfxClients sends it, authenticated as it authenticates.
    expect(unique(sent.map((r) => r.url.origin))).toEqual([ADMIN_URL, PAGE_ORIGIN, GRAPH].sort());
    for (const request of sent) {
      const expected = request.url.origin === PAGE_ORIGIN ? undefined : `Bearer token-for ${request.url.origin}`;
      expect(request.headers.authorization).toBe(expected);
    }
    expect(unique(mounted.asked)).toEqual([ADMIN_URL, GRAPH].sort());
    unmount(mounted);
  });

  it('disposes by unmounting the pane', async () => {
    const mounted = await mount({});
    await allPass(mounted.domElement);
    act(() => mounted.part.onDispose());
    expect(mounted.domElement.childElementCount).toBe(0);
    mounted.domElement.remove();
  });

  it('reads the connector from its properties, and reads again when a property changes', async () => {
    const mounted = await mount({ connectorDisplayName: 'Office 365 Mover' });
    await allPass(mounted.domElement);
    sent = [];
    mounted.part.properties = { ...mounted.part.properties, connectorAppId: 'aaaaaaaa-0000-0000-0000-000000000000' };
    act(() => mounted.part.onPropertyPaneFieldChanged());
    await waitFor(() => expect(statuses(mounted.domElement)['connector-app']).toBe('fail'), { timeout: 15000 });
    // Let the re-read finish before the pane goes (no request left in flight for the next test).
    await waitFor(() => expect(Object.values(statuses(mounted.domElement))).not.toContain('running'), { timeout: 15000 });
    const lookups = sent.filter((r) => r.url.origin === GRAPH && r.url.pathname.endsWith('/servicePrincipals')).map((r) => r.url.searchParams.get('$filter'));
    expect(lookups).toContain("appId eq 'aaaaaaaa-0000-0000-0000-000000000000'");
    unmount(mounted);
  });

  it('offers the three connector properties in the property pane, by the names the settings read', () => {
    const part = new MigrationReadinessWebPart() as unknown as HostView;
    const fields = part.getPropertyPaneConfiguration().pages.flatMap((p) => p.groups.flatMap((g) => g.groupFields.map((f) => f.targetProperty)));
    const props: Required<MigrationReadinessWebPartProps> = { connectorDisplayName: '', connectorAppId: '', requiredScopes: '' };
    expect(fields.sort()).toEqual(Object.keys(props).sort());
    expect(part.dataVersion.toString()).toBe('1.0');
  });

  it('in SharePoint, follows the section theme', async () => {
    const mounted = await mount({});
    expect(paneBackground(mounted.domElement)).toBe('rgb(255, 255, 255)');
    act(() => mounted.part.onThemeChanged({ semanticColors: { bodyBackground: '#123456' } }));
    await waitFor(() => expect(paneBackground(mounted.domElement)).toBe('rgb(18, 52, 86)'));
    await allPass(mounted.domElement);
    unmount(mounted);
  });

  it("in Teams, follows Teams' theme (through the SDK SPFx provides) and its changes, and ignores the SharePoint section theme", async () => {
    let onChange: ((theme: string) => void) | undefined;
    const teams: TeamsSdk = {
      teamsJs: {
        app: {
          getContext: async () => ({ app: { theme: 'dark' } }),
          registerOnThemeChangeHandler: (handler) => {
            onChange = handler;
          },
        },
      },
    };
    const mounted = await mount({}, teams);
    expect(paneBackground(mounted.domElement)).toBe('rgb(31, 31, 31)');
    expect(onChange).toBeDefined();
    act(() => onChange?.('contrast'));
    await waitFor(() => expect(paneBackground(mounted.domElement)).toBe('rgb(0, 0, 0)'));
    act(() => mounted.part.onThemeChanged({ semanticColors: { bodyBackground: '#123456' } }));
    expect(paneBackground(mounted.domElement)).toBe('rgb(0, 0, 0)');
    await allPass(mounted.domElement);
    unmount(mounted);
  });

  it('in Teams, opens in the default theme when Teams does not answer', async () => {
    const teams: TeamsSdk = {
      teamsJs: {
        app: {
          getContext: () => Promise.reject(new Error('Teams did not answer')),
          registerOnThemeChangeHandler: () => undefined,
        },
      },
    };
    const mounted = await mount({}, teams);
    expect(paneBackground(mounted.domElement)).toBe('rgb(255, 255, 255)');
    await allPass(mounted.domElement);
    unmount(mounted);
  });
});
