/**
 * The HTTP server (node:http only): origins, CORS, control endpoints (/__sim/*), authentication (bearer token or the
 * hosting site's cookie session), the Graph or SharePoint router, latency, request log. Many requests are served
 * concurrently: latency is a timer, never a busy wait; it counts from a request's arrival (the answer leaves `latency`
 * ms after it, or when ready if the simulator took longer).
 *
 * Origins: by default one server answers everything (jest tests). With `origins: 'distinct'` the hosting site (which
 * also serves the preview page, like a SharePoint page), the tenant admin host, the my host (personal sites) and Microsoft
 * Graph each listen on their own port, so a browser enforces CORS between them as it does between
 * contoso.sharepoint.com, contoso-admin.sharepoint.com, contoso-my.sharepoint.com and graph.microsoft.com.
 *
 * This file is the request pipeline and the running simulator's handle; the pieces are in listeners.ts (origins),
 * requestTarget.ts (what a URL addresses), cors.ts, session.ts (bearer or cookie), control.ts (/__sim/*) and
 * nodeHttp.ts (bodies, headers, sending).
 */
import type * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { GrantedScopes, type RequestLogEntry, type SimContext } from './context';
import { handleControl } from './control';
import { graphCors, sharePointCors } from './cors';
import { FaultEngine } from './faults';
import { PagingFaultEngine } from './pagingFaults';
import { validateFixture, validatePagingFaults } from './fixture';
import { GRAPH_PREFIX, handleGraph } from './graph';
import { graphError, jsonResponse, spError, SP_ACCESS_DENIED, type SimRequest, type SimResponse } from './http';
import { listenerPlan, openListeners, type Listener, type OriginsMode } from './listeners';
import { handleMyHost } from './myHost';
import { discard, headersOf, prepare, readBody, send, sendPrepared } from './nodeHttp';
import { classify, roleOf, type Role } from './requestTarget';
import { handleSharePoint, type SharePointAuth } from './sharepoint';
import { adminHostUnauthorized } from './sharePointChallenges';
import { hasBearer, hasSessionCookie, SESSION_COOKIE_NAME, SESSION_COOKIE_VALUE } from './session';
import { SimulatorState, SITE } from './state';
import type { FaultRule, PagingFault, TenantFixture } from './types';

export type { OriginsMode };

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
  /** Replaces `simulation.pagingFaults` (README "Paging faults"). */
  setPagingFaults(f: PagingFault[]): void;
  /** Live tenant state, e.g. to inspect provisioned sites. */
  state: SimulatorState;
  close(): Promise<void>;
}

export async function startSimulator(o: SimulatorOptions): Promise<RunningSimulator> {
  const fixture = validateFixture(o.fixture);
  const state = new SimulatorState(fixture);
  const faults = new FaultEngine(fixture.simulation);
  const paging = new PagingFaultEngine(fixture.simulation?.pagingFaults ?? []);
  const log: RequestLogEntry[] = [];
  const latencyMs = o.latencyMs ?? fixture.simulation?.latencyMs ?? 0;
  const adminHostMode = fixture.sharePoint.adminHost ?? 'ok';
  /** Pending latency timers → their resolvers, so close() can release every waiting request at once. */
  const timers = new Map<NodeJS.Timeout, (proceed: boolean) => void>();
  let closing = false;

  const ctx: SimContext = {
    state,
    faults,
    paging,
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

  const handle = async (listener: Listener, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.split('?')[0] ?? '/';
    if (path.toLowerCase().startsWith('/__sim/')) return handleControl({ log, faults, paging, state }, req, res, sharePointCors(req), path.toLowerCase());

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
    // The latency is the service's time for a request, counted from its arrival: the simulator's own work (which
    // stands for none of the service's) is done within it, not added to it — the state read and written, the answer
    // encoded on arrival, then written in one piece when the latency is over.
    const answer = prepare(cors, response);
    if (!(await wait(latencyMs - (Date.now() - at)))) {
      discard(answer);
      res.destroy();
      return;
    }
    ctx.log({ method, path: url, status: response.status, at, answered: Date.now() });
    sendPrepared(res, answer);
  };

  const { listeners, closeAll } = await openListeners(listenerPlan(o.origins, o.port), o.host ?? '127.0.0.1', (listener, req, res) => {
    handle(listener, req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      log.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: 500, at: Date.now() });
      send(res, sharePointCors(req), jsonResponse(500, { error: { code: 'SimulatorError', message: `demo tenant simulator failed: ${message}` } }));
    });
  });

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
    setPagingFaults: (f) => paging.set(validatePagingFaults(f)),
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
