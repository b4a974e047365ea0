/**
 * Graph JSON $batch: up to 20 items, ids unique, dependsOn honoured (a failed dependency gives 424), no nested $batch.
 * Each item goes through the same pipeline as an outer request (faults, rate limit, scopes, route) — the caller passes
 * it in — and is logged with the batch's id.
 */
import { randomUUID } from 'node:crypto';
import type { SimContext } from './context';
import { decodeSegments, GRAPH_PREFIX, splitUrl, type GraphCall } from './graphCall';
import { graphError, isRecord, jsonResponse, parseJsonBody, RawJson, type SimRequest, type SimResponse } from './http';

/** The pipeline one Graph call goes through (graph.ts runGraphCall). */
export type RunGraphCall = (ctx: SimContext, call: GraphCall) => Promise<SimResponse>;

const MAX_BATCH = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

function parseBatch(body: unknown): BatchItem[] | string {
  if (!isRecord(body) || !Array.isArray(body.requests)) return 'Invalid batch payload format: expected { "requests": [...] }.';
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const [i, r] of body.requests.entries()) {
    if (!isRecord(r)) return `requests[${i}] must be an object.`;
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : undefined;
    if (id === undefined || id === '') return `requests[${i}].id is required.`;
    if (ids.has(id)) return `Batch request ids must be unique: '${id}' appears twice.`;
    ids.add(id);
    if (typeof r.method !== 'string' || typeof r.url !== 'string') return `requests[${i}] needs method and url.`;
    const headers: Record<string, string> = {};
    if (isRecord(r.headers)) for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    items.push({ id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn });
  }
  for (const item of items) {
    for (const d of item.dependsOn) if (!ids.has(d)) return `requests id '${item.id}' depends on unknown id '${d}'.`;
  }
  return items;
}

/** Inner urls are relative ("/users/x", "users/x"); absolute Graph urls are cut after /v1.0. */
function innerRelativeUrl(url: string): string {
  const v = url.indexOf('/v1.0/');
  const rel = /^https?:\/\//i.test(url) && v >= 0 ? url.slice(v + 5) : url;
  return rel.startsWith('/') ? rel : `/${rel}`;
}

export async function handleBatch(ctx: SimContext, req: SimRequest, runGraphCall: RunGraphCall): Promise<SimResponse> {
  const parsed = parseJsonBody(req);
  if (parsed instanceof Error) return graphError(400, 'BadRequest', `Invalid batch payload: ${parsed.message}`);
  const items = parseBatch(parsed);
  if (typeof items === 'string') return graphError(400, 'BadRequest', items);
  if (items.length > MAX_BATCH) return graphError(400, 'BadRequest', `The batch contains ${items.length} requests; the maximum is ${MAX_BATCH}.`);
  if (items.length === 0) return graphError(400, 'BadRequest', 'The batch contains no requests.');

  const batchId = randomUUID();
  const statusById = new Map<string, number>();
  const responseById = new Map<string, Record<string, unknown>>();
  const inProgress = new Set<string>();
  const byId = new Map(items.map((i) => [i.id, i] as const));

  const run = async (item: BatchItem): Promise<void> => {
    if (responseById.has(item.id)) return;
    if (inProgress.has(item.id)) {
      statusById.set(item.id, 400);
      responseById.set(item.id, batchItemResponse(item.id, graphError(400, 'BadRequest', 'Circular dependsOn.')));
      return;
    }
    inProgress.add(item.id);
    for (const d of item.dependsOn) {
      const dep = byId.get(d);
      if (dep) await run(dep);
    }
    const at = ctx.now();
    let response: SimResponse;
    const failedDep = item.dependsOn.find((d) => {
      const s = statusById.get(d) ?? 0;
      return s < 200 || s >= 300;
    });
    const relativeUrl = innerRelativeUrl(item.url);
    if (failedDep !== undefined) {
      response = graphError(424, 'FailedDependency', `Request '${item.id}' depends on '${failedDep}', which failed.`);
    } else {
      const { path, search } = splitUrl(relativeUrl);
      const inner: SimRequest = {
        method: item.method,
        path: `${GRAPH_PREFIX}${path}`,
        url: relativeUrl,
        query: new URLSearchParams(search),
        headers: { authorization: req.headers.authorization ?? '', ...item.headers },
        bodyText: item.body === undefined ? '' : typeof item.body === 'string' ? item.body : JSON.stringify(item.body),
        host: req.host,
        batchId,
      };
      const segments = decodeSegments(path);
      if (segments.length === 1 && segments[0] === '$batch') {
        response = graphError(400, 'BadRequest', 'A $batch cannot contain another $batch.');
      } else {
        ctx.state.materialize(ctx.now());
        response = await runGraphCall(ctx, { req: inner, segments, relativeUrl });
      }
    }
    statusById.set(item.id, response.status);
    responseById.set(item.id, batchItemResponse(item.id, response));
    ctx.log({ method: item.method, path: relativeUrl, status: response.status, at, batchId });
  };

  for (const item of items) await run(item);
  const responses = items.map((i) => responseById.get(i.id));
  return jsonResponse(200, { responses });
}

function batchItemResponse(id: string, r: SimResponse): Record<string, unknown> {
  let body = r.body instanceof RawJson ? (JSON.parse(r.body.text()) as unknown) : r.body;
  // Plain-text answers ($count) travel as JSON numbers inside a batch, so clients can parse every body as JSON.
  if (typeof body === 'string' && (r.headers['Content-Type'] ?? '').startsWith('text/plain') && /^\d+$/.test(body)) body = Number(body);
  return { id, status: r.status, headers: { ...r.headers }, body };
}
