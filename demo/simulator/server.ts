/**
 * The HTTP server (node:http only): origins, CORS, control endpoints (/__sim/*), authentication (bearer token or the
 * hosting site's cookie session), latency, request log, then the Graph or SharePoint router. Many requests are served
 * concurrently: latency is a timer, never a busy wait.
 *
 * Origins: by default one server answers everything (jest tests). With `origins: 'distinct'` the hosting site (which
 * also serves the preview page, like a SharePoint page), the tenant admin host, the my host (personal sites) and Microsoft
 * Graph each listen on their own port, so a browser enforces CORS between them as it does between
 * contoso.sharepoint.com, contoso-admin.sharepoint.com, contoso-my.sharepoint.com and graph.microsoft.com.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { GrantedScopes, type RequestLogEntry, type SimContext } from './context';
import { FaultEngine } from './faults';
import { validateFaultRules, validateFixture } from './fixture';
import { GRAPH_PREFIX, handleGraph } from './graph';
import { graphError, jsonResponse, spError, SP_ACCESS_DENIED, type SimRequest, type SimResponse } from './http';
import { adminHostUnauthorized, handleMyHost, handleSharePoint, parseSharePointPath, type SharePointAuth, type SharePointTarget } from './sharepoint';
import { SimulatorState, SITE } from './state';
import type { FaultRule, TenantFixture } from './types';

/** 'single': one origin for everything (default). 'distinct': hosting site, admin host, my host and Graph apart. */
export type OriginsMode = 'single' | 'distinct';

export interface SimulatorOptions {
  fixture: TenantFixture;
  /** Port of the hosting-site origin (the page's); 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Overrides fixture simulation.latencyMs. */
  latencyMs?: number;
  /** Default 'single'. With 'distinct', the admin host, my host and Graph listen on free ports of their own. */
  origins?: OriginsMode;
  /** Lets the preview serve its page on the hosting-site origin; return true when it handled the request. */
  staticHandler?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

export interface RunningSimulator {
  /** The hosting-site origin (serves the preview page), e.g. http://127.0.0.1:PORT */
  url: string;
  /** `${graph origin}/graph/v1.0` */
  graphBaseUrl: string;
  /** `${url}/sp` (tenant root site) */
  spRootUrl: string;
  /** `${url}/sp/sites/migration` (hosting site) */
  siteUrl: string;
  /** `${admin origin}/sp-admin` */
  spAdminUrl: string;
  /** The my host origin: personal sites at `${myHostUrl}/personal/<slug>` */
  myHostUrl: string;
  /** Every origin the simulator answers on (the hosting-site origin first); one entry in 'single' mode. */
  origins: string[];
  /** `Cookie` header value of the hosting site's session, e.g. "FedAuth=…" (what the preview page sets). */
  sessionCookie: string;
  log: RequestLogEntry[];
  clearLog(): void;
  setFaults(f: FaultRule[]): void;
  /** Live tenant state, e.g. to inspect provisioned sites. */
  state: SimulatorState;
  close(): Promise<void>;
}

/** SharePoint's authentication cookie for the hosting site. */
export const SESSION_COOKIE_NAME = 'FedAuth';
/** The session value every simulator accepts (there is one signed-in user). */
export const SESSION_COOKIE_VALUE = '77u/PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0idXRmLTgiPz48U1A+ZGVtby10ZW5hbnQtc2ltdWxhdG9yPC9TUD4=';
/** `Set-Cookie` value the preview page sends: HttpOnly, SameSite=Lax, for the whole hosting-site origin. */
export const SESSION_SET_COOKIE = `${SESSION_COOKIE_NAME}=${SESSION_COOKIE_VALUE}; Path=/; HttpOnly; SameSite=Lax`;

const MAX_BODY_BYTES = 20 * 1024 * 1024;

const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'ConsistencyLevel',
  'Accept',
  'X-RequestDigest',
  'X-ClientService-ClientTag',
  'odata-version',
  'If-Match',
  'X-HTTP-Method',
  'SdkVersion',
  'client-request-id',
  'X-PnPjs-NoDigest',
];

const EXPOSE_HEADERS = ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'request-id', 'client-request-id', 'SPRequestGuid'];

/**
 * What Microsoft Graph exposes to browsers. Retry-After is NOT among them (recorded: microsoftgraph/microsoft-graph-docs
 * #17488 / microsoft-graph-docs-contrib#2011, closed unresolved), so a browser client cannot read it on a 429.
 */
const GRAPH_EXPOSE_HEADERS = [
  'ETag',
  'Location',
  'Preference-Applied',
  'Content-Range',
  'request-id',
  'client-request-id',
  'ReadWriteConsistencyToken',
  'SdkVersion',
  'WWW-Authenticate',
  'x-ms-client-gcc-tenant',
];

type Role = 'site' | 'admin' | 'my' | 'graph';

function requestedHeaders(req: http.IncomingMessage): string | undefined {
  const requested = req.headers['access-control-request-headers'];
  return typeof requested === 'string' && requested.trim() !== '' ? requested : undefined;
}

/** SharePoint hosts (hosting site, admin host in "ok" mode, my host). */
function sharePointCors(req: http.IncomingMessage): Record<string, string> {
  const requested = requestedHeaders(req);
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, MERGE, OPTIONS',
    'Access-Control-Allow-Headers': requested ? `${ALLOW_HEADERS.join(', ')}, ${requested}` : ALLOW_HEADERS.join(', '),
    'Access-Control-Expose-Headers': EXPOSE_HEADERS.join(', '),
    'Access-Control-Max-Age': '600',
  };
}

/** Graph: any origin (bearer tokens, no credentials); preflights allow what they ask for. */
function graphCors(req: http.IncomingMessage): Record<string, string> {
  const requested = requestedHeaders(req);
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': requested ?? 'Authorization, Content-Type, ConsistencyLevel, Accept, SdkVersion, client-request-id',
    'Access-Control-Expose-Headers': GRAPH_EXPOSE_HEADERS.join(', '),
    'Access-Control-Max-Age': '3600',
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersOf(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(', ');
  }
  return out;
}

function send(res: http.ServerResponse, cors: Record<string, string>, r: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  let payload: Buffer | undefined;
  if (r.body !== undefined && r.status !== 204) {
    payload = Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), 'utf8');
  }
  const headers: Record<string, string | number> = { ...cors, ...r.headers };
  if (payload) headers['Content-Length'] = payload.length;
  else headers['Content-Length'] = 0;
  res.writeHead(r.status, headers);
  res.end(payload);
}

function hasBearer(headers: Readonly<Record<string, string>>): boolean {
  const m = /^Bearer\s+(\S.*)$/i.exec(headers.authorization ?? '');
  return m !== null && (m[1] ?? '').trim() !== '';
}

function hasSessionCookie(headers: Readonly<Record<string, string>>): boolean {
  return (headers.cookie ?? '').split(';').some((c) => {
    const eq = c.indexOf('=');
    return eq > 0 && c.slice(0, eq).trim() === SESSION_COOKIE_NAME && c.slice(eq + 1).trim() === SESSION_COOKIE_VALUE;
  });
}

type Target =
  | { api: 'graph'; relativeUrl: string }
  | { api: 'sharepoint'; target: SharePointTarget }
  | { api: 'unknown-site'; site: string }
  | { api: 'my'; slug: string; rest: string }
  | { api: 'none' };

function classify(url: string): Target {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const lower = path.toLowerCase();
  if (lower === '/graph/$batch' || lower === '/graph/%24batch') return { api: 'graph', relativeUrl: `/$batch${q < 0 ? '' : url.slice(q)}` };
  if (lower === GRAPH_PREFIX || lower.startsWith(`${GRAPH_PREFIX}/`)) return { api: 'graph', relativeUrl: url.slice(GRAPH_PREFIX.length) || '/' };
  const personal = /^\/personal\/([^/]+)\/_api(?:\/(.*))?$/i.exec(path);
  if (personal) return { api: 'my', slug: (personal[1] ?? '').toLowerCase(), rest: personal[2] ?? '' };
  const sp = parseSharePointPath(path);
  if (sp && 'unknownSite' in sp) return { api: 'unknown-site', site: sp.unknownSite };
  if (sp) return { api: 'sharepoint', target: sp };
  return { api: 'none' };
}

function roleOf(target: Target): Role | undefined {
  switch (target.api) {
    case 'graph':
      return 'graph';
    case 'sharepoint':
      return target.target.site === SITE.admin ? 'admin' : 'site';
    case 'unknown-site':
      return target.site.toLowerCase().startsWith(SITE.admin) ? 'admin' : 'site';
    case 'my':
      return 'my';
    case 'none':
      return undefined;
  }
}

interface Listener {
  roles: ReadonlySet<Role>;
  server: http.Server;
  /** Set once listening. */
  origin: string;
}

export async function startSimulator(o: SimulatorOptions): Promise<RunningSimulator> {
  const fixture = validateFixture(o.fixture);
  const state = new SimulatorState(fixture);
  const faults = new FaultEngine(fixture.simulation);
  const log: RequestLogEntry[] = [];
  const latencyMs = o.latencyMs ?? fixture.simulation?.latencyMs ?? 0;
  const adminHostMode = fixture.sharePoint.adminHost ?? 'ok';
  /** Pending latency timers → their resolvers, so close() can release every waiting request at once. */
  const timers = new Map<NodeJS.Timeout, (proceed: boolean) => void>();
  let closing = false;

  const ctx: SimContext = {
    state,
    faults,
    scopes: new GrantedScopes(fixture.grantedScopes),
    now: () => Date.now(),
    log: (entry) => {
      log.push(entry);
    },
  };

  const wait = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (ms <= 0) {
        resolve(true);
        return;
      }
      const t = setTimeout(() => {
        timers.delete(t);
        resolve(!closing);
      }, ms);
      timers.set(t, resolve);
    });

  const control = async (req: http.IncomingMessage, res: http.ServerResponse, cors: Record<string, string>, path: string): Promise<void> => {
    const method = req.method ?? 'GET';
    if (path === '/__sim/log' && method === 'GET') return send(res, cors, jsonResponse(200, log));
    if (path === '/__sim/reset-log' && method === 'POST') {
      log.length = 0;
      return send(res, cors, { status: 204, headers: {} });
    }
    if (path === '/__sim/faults' && method === 'GET') return send(res, cors, jsonResponse(200, faults.activeRules));
    if (path === '/__sim/faults' && method === 'POST') {
      try {
        faults.setRules(validateFaultRules(JSON.parse(await readBody(req)) as unknown));
        return send(res, cors, { status: 204, headers: {} });
      } catch (e) {
        return send(res, cors, jsonResponse(400, { error: (e as Error).message }));
      }
    }
    if (path === '/__sim/state' && method === 'GET') {
      state.materialize(Date.now());
      return send(
        res,
        cors,
        jsonResponse(200, {
          users: state.users.length,
          personalSites: state.personalSites.length,
          pending: [...state.pending.values()],
          provisioned: state.personalSites.filter((s) => s.provisionedAt !== undefined),
        }),
      );
    }
    return send(res, cors, jsonResponse(404, { error: `unknown control endpoint ${method} ${path}` }));
  };

  const handle = async (listener: Listener, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.split('?')[0] ?? '/';
    if (path.toLowerCase().startsWith('/__sim/')) return control(req, res, sharePointCors(req), path.toLowerCase());

    const target = classify(url);
    const role = roleOf(target);
    if (role === undefined || !listener.roles.has(role)) {
      if (role === undefined && listener.roles.has('site') && o.staticHandler && o.staticHandler(req, res)) return;
      return send(res, sharePointCors(req), { status: 404, headers: { 'Content-Type': 'text/plain' }, body: `Not found: ${path}` });
    }

    // The admin host without CORS: a browser gets no Access-Control-Allow-* (preflight included) and reports a
    // network error. A client that sends no Origin (Node's fetch), or a same-origin one, cannot be refused by CORS:
    // emulate the network error by closing the connection without an answer.
    const corsBlocked = role === 'admin' && adminHostMode === 'cors-blocked';
    const cors = corsBlocked ? {} : role === 'graph' ? graphCors(req) : sharePointCors(req);
    if (method === 'OPTIONS') return send(res, cors, { status: corsBlocked ? 200 : 204, headers: {} });
    const at = Date.now();
    if (corsBlocked) {
      const origin = req.headers.origin;
      if (origin === undefined || origin === listener.origin) {
        ctx.log({ method, path: url, status: 0, at });
        req.socket.destroy();
        return;
      }
    }

    const bodyText = await readBody(req);
    if (!(await wait(latencyMs))) {
      res.destroy();
      return;
    }
    const headers = headersOf(req);
    const simReq: SimRequest = {
      method,
      path,
      url,
      query: new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''),
      headers,
      bodyText,
      host: headers.host ?? `${o.host ?? '127.0.0.1'}`,
    };

    const correlationId = randomUUID();
    const bearer = hasBearer(headers);
    // The hosting site's FedAuth cookie is valid on the hosting-site origin only (cookies are per host).
    const cookie = role === 'site' && hasSessionCookie(headers);
    let response: SimResponse;
    if (role === 'admin' && adminHostMode === 'unauthorized') {
      response = adminHostUnauthorized(fixture.tenant.id);
    } else if (target.api === 'unknown-site') {
      response = spError(404, '-2147024894, System.IO.FileNotFoundException', `File Not Found. (no site at ${target.site})`);
    } else if (!bearer && !cookie) {
      response =
        target.api === 'graph'
          ? graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', { 'WWW-Authenticate': 'Bearer realm=""' })
          : spError(401, SP_ACCESS_DENIED.code, SP_ACCESS_DENIED.message, { 'WWW-Authenticate': `Bearer realm="${fixture.tenant.id}"` });
    } else {
      state.materialize(Date.now());
      const auth: SharePointAuth = bearer ? 'bearer' : 'cookie';
      if (target.api === 'graph') response = await handleGraph(ctx, simReq, target.relativeUrl);
      else if (target.api === 'my') response = handleMyHost(ctx, simReq, target.slug, target.rest);
      else if (target.api === 'sharepoint') response = await handleSharePoint(ctx, simReq, target.target, auth, correlationId);
      else response = spError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
    }
    if (role !== 'graph') {
      if (!response.headers.SPRequestGuid) response.headers.SPRequestGuid = correlationId;
      if (!response.headers['request-id']) response.headers['request-id'] = response.headers.SPRequestGuid;
    }
    const clientRequestId = headers['client-request-id'];
    if (clientRequestId && target.api === 'graph') response.headers['client-request-id'] = clientRequestId;
    ctx.log({ method, path: url, status: response.status, at });
    send(res, cors, response);
  };

  const host = o.host ?? '127.0.0.1';
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const plan: Array<{ roles: Role[]; port: number }> =
    o.origins === 'distinct'
      ? [
          { roles: ['site'], port: o.port ?? 0 },
          { roles: ['admin'], port: 0 },
          { roles: ['my'], port: 0 },
          { roles: ['graph'], port: 0 },
        ]
      : [{ roles: ['site', 'admin', 'my', 'graph'], port: o.port ?? 0 }];

  const listeners: Listener[] = [];
  const closeAll = (): Promise<void> =>
    Promise.all(
      listeners.map(
        (l) =>
          new Promise<void>((resolve) => {
            if (!l.server.listening) {
              resolve();
              return;
            }
            l.server.close(() => resolve());
            l.server.closeAllConnections();
          }),
      ),
    ).then(() => undefined);

  for (const p of plan) {
    const listener: Listener = { roles: new Set(p.roles), server: http.createServer(), origin: '' };
    listener.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      handle(listener, req, res).catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        log.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: 500, at: Date.now() });
        send(res, sharePointCors(req), jsonResponse(500, { error: { code: 'SimulatorError', message: `demo tenant simulator failed: ${message}` } }));
      });
    });
    listener.server.keepAliveTimeout = 5000;
    listeners.push(listener);
    try {
      await new Promise<void>((resolve, reject) => {
        listener.server.once('error', reject);
        listener.server.listen(p.port, host, () => {
          listener.server.off('error', reject);
          resolve();
        });
      });
    } catch (e) {
      await closeAll();
      throw e;
    }
    listener.origin = `http://${publicHost}:${(listener.server.address() as AddressInfo).port}`;
  }

  const originOf = (role: Role): string => listeners.find((l) => l.roles.has(role))?.origin ?? '';
  const siteOrigin = originOf('site');

  return {
    url: siteOrigin,
    graphBaseUrl: `${originOf('graph')}${GRAPH_PREFIX}`,
    spRootUrl: `${siteOrigin}${SITE.root}`,
    siteUrl: `${siteOrigin}${SITE.hosting}`,
    spAdminUrl: `${originOf('admin')}${SITE.admin}`,
    myHostUrl: originOf('my'),
    origins: listeners.map((l) => l.origin),
    sessionCookie: `${SESSION_COOKIE_NAME}=${SESSION_COOKIE_VALUE}`,
    log,
    clearLog: () => {
      log.length = 0;
    },
    setFaults: (f) => faults.setRules(f),
    state,
    close: () => {
      closing = true;
      for (const [t, release] of timers) {
        clearTimeout(t);
        release(false);
      }
      timers.clear();
      return closeAll();
    },
  };
}
