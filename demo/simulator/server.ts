/**
 * The HTTP server (node:http only): CORS, control endpoints (/__sim/*), bearer check, latency, request log, then the
 * Graph or SharePoint router. Many requests are served concurrently: latency is a timer, never a busy wait.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GrantedScopes, type RequestLogEntry, type SimContext } from './context';
import { FaultEngine } from './faults';
import { validateFaultRules, validateFixture } from './fixture';
import { GRAPH_PREFIX, handleGraph } from './graph';
import { graphError, jsonResponse, spError, SP_ACCESS_DENIED, type SimRequest, type SimResponse } from './http';
import { handleSharePoint, parseSharePointPath } from './sharepoint';
import { SimulatorState } from './state';
import type { FaultRule, TenantFixture } from './types';

export interface SimulatorOptions {
  fixture: TenantFixture;
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Overrides fixture simulation.latencyMs. */
  latencyMs?: number;
  /** Lets the preview serve its page on the same server; return true when it handled the request. */
  staticHandler?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** `${url}/graph/v1.0` */
  graphBaseUrl: string;
  /** `${url}/sp` (tenant root site) */
  spRootUrl: string;
  /** `${url}/sp/sites/migration` (hosting site) */
  siteUrl: string;
  /** `${url}/sp-admin` */
  spAdminUrl: string;
  log: RequestLogEntry[];
  clearLog(): void;
  setFaults(f: FaultRule[]): void;
  /** Live tenant state, e.g. to inspect provisioned sites. */
  state: SimulatorState;
  close(): Promise<void>;
}

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

function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  const allow = typeof requested === 'string' && requested.trim() !== '' ? `${ALLOW_HEADERS.join(', ')}, ${requested}` : ALLOW_HEADERS.join(', ');
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, MERGE, OPTIONS',
    'Access-Control-Allow-Headers': allow,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS.join(', '),
    'Access-Control-Max-Age': '600',
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

type Target =
  | { api: 'graph'; relativeUrl: string }
  | { api: 'sharepoint'; target: Exclude<ReturnType<typeof parseSharePointPath>, undefined | { unknownSite: string }> }
  | { api: 'unknown-site'; site: string }
  | { api: 'none' };

function classify(url: string): Target {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const lower = path.toLowerCase();
  if (lower === '/graph/$batch' || lower === '/graph/%24batch') return { api: 'graph', relativeUrl: `/$batch${q < 0 ? '' : url.slice(q)}` };
  if (lower === GRAPH_PREFIX || lower.startsWith(`${GRAPH_PREFIX}/`)) return { api: 'graph', relativeUrl: url.slice(GRAPH_PREFIX.length) || '/' };
  const sp = parseSharePointPath(path);
  if (sp && 'unknownSite' in sp) return { api: 'unknown-site', site: sp.unknownSite };
  if (sp) return { api: 'sharepoint', target: sp };
  return { api: 'none' };
}

export async function startSimulator(o: SimulatorOptions): Promise<RunningSimulator> {
  const fixture = validateFixture(o.fixture);
  const state = new SimulatorState(fixture);
  const faults = new FaultEngine(fixture.simulation);
  const log: RequestLogEntry[] = [];
  const latencyMs = o.latencyMs ?? fixture.simulation?.latencyMs ?? 0;
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

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const cors = corsHeaders(req);
    const url = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') return send(res, cors, { status: 204, headers: {} });
    const path = url.split('?')[0] ?? '/';
    if (path.toLowerCase().startsWith('/__sim/')) return control(req, res, cors, path.toLowerCase());

    const target = classify(url);
    if (target.api === 'none') {
      if (o.staticHandler && o.staticHandler(req, res)) return;
      return send(res, cors, { status: 404, headers: { 'Content-Type': 'text/plain' }, body: `Not found: ${path}` });
    }

    const at = Date.now();
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

    let response: SimResponse;
    if (target.api === 'unknown-site') {
      response = spError(404, '-2147024894, System.IO.FileNotFoundException', `File Not Found. (no site at ${target.site})`);
    } else if (!hasBearer(headers)) {
      response =
        target.api === 'graph'
          ? graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', { 'WWW-Authenticate': 'Bearer realm=""' })
          : spError(401, SP_ACCESS_DENIED.code, SP_ACCESS_DENIED.message, { 'WWW-Authenticate': `Bearer realm="${fixture.tenant.id}"` });
    } else {
      state.materialize(Date.now());
      response = target.api === 'graph' ? await handleGraph(ctx, simReq, target.relativeUrl) : await handleSharePoint(ctx, simReq, target.target);
    }
    const clientRequestId = headers['client-request-id'];
    if (clientRequestId && target.api === 'graph') response.headers['client-request-id'] = clientRequestId;
    ctx.log({ method, path: url, status: response.status, at });
    send(res, cors, response);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      log.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: 500, at: Date.now() });
      send(res, corsHeaders(req), jsonResponse(500, { error: { code: 'SimulatorError', message: `demo tenant simulator failed: ${message}` } }));
    });
  });
  server.keepAliveTimeout = 5000;

  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${publicHost}:${port}`;

  return {
    url,
    graphBaseUrl: `${url}${GRAPH_PREFIX}`,
    spRootUrl: `${url}/sp`,
    siteUrl: `${url}/sp/sites/migration`,
    spAdminUrl: `${url}/sp-admin`,
    log,
    clearLog: () => {
      log.length = 0;
    },
    setFaults: (f) => faults.setRules(f),
    state,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const [t, release] of timers) {
          clearTimeout(t);
          release(false);
        }
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
