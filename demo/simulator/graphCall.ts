/**
 * A Microsoft Graph call as the routers see it, and the OData answers they share: collections paged with $top and
 * $skiptoken (a token continues only the query it came from), single entities, $filter on fixture collections, 404.
 */
import { graphError, jsonResponse, type SimRequest, type SimResponse } from './http';
import { decodeSkipTokenCursor, encodeSkipToken, matchesFilter, ODataError, parseFilter, project } from './odata';
import { graphPage, type PagingFaultEngine } from './pagingFaults';
import type { PagedCollection } from './types';

export const GRAPH_PREFIX = '/graph/v1.0';

const DEFAULT_TOP = 100;

const MAX_TOP = 999;

export interface GraphCall {
  req: SimRequest;
  /** Decoded path segments relative to /graph/v1.0. */
  segments: string[];
  /** Path + query relative to /graph/v1.0, as received. */
  relativeUrl: string;
}

function baseUrl(host: string): string {
  return `http://${host}${GRAPH_PREFIX}`;
}

export function splitUrl(url: string): { path: string; search: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, search: '' } : { path: url.slice(0, q), search: url.slice(q + 1) };
}

export function decodeSegments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export function rejectUnsupportedOptions(query: URLSearchParams): void {
  for (const opt of ['$orderby', '$search', '$expand']) {
    if (query.has(opt)) throw new ODataError(`${opt} is not supported by the demo tenant simulator.`);
  }
}

export function notFound(id: string): SimResponse {
  return graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

export function filtered<T extends Record<string, unknown>>(items: readonly T[], query: URLSearchParams): readonly T[] {
  const filter = query.get('$filter') ?? query.get('filter');
  if (filter === null || filter.trim() === '') return items;
  const clauses = parseFilter(filter);
  return items.filter((i) => matchesFilter(i, clauses));
}

export function contextUrl(call: GraphCall, set: string, select: readonly string[] | undefined, entityRead = false): string {
  return `${baseUrl(call.req.host)}/$metadata#${set}${select ? `(${select.join(',')})` : ''}${entityRead ? '/$entity' : ''}`;
}

export function parseTop(query: URLSearchParams): number {
  const raw = query.get('$top') ?? query.get('top');
  if (raw === null) return DEFAULT_TOP;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new ODataError(`Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_TOP} inclusive.`);
  }
  return top;
}

/** Query key for skiptokens: the query without $skiptoken, so a token only continues the query it came from. */
export function queryKey(path: string, query: URLSearchParams): string {
  const entries = [...query.entries()].filter(([k]) => k !== '$skiptoken' && k !== '$top').sort(([a], [b]) => a.localeCompare(b));
  return `${path.toLowerCase()}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

export function nextLink(call: GraphCall, path: string, token: string | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of call.req.query.entries()) {
    if (k === '$skiptoken') continue;
    parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  if (token !== undefined) parts.push(`$skiptoken=${token}`);
  return `${baseUrl(call.req.host)}/${path}${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
}

/** The link that reads the page at `offset` of this query: without a skiptoken for the first page. */
export function pageLink(call: GraphCall, path: string, key: string, offset: number, duplicate = false, nonce?: number): string {
  return nextLink(call, path, offset === 0 && !duplicate ? undefined : encodeSkipToken(offset, key, duplicate, nonce));
}

/** Paging faults for a collection: which engine, which collection name, and the service's largest page. */
export interface CollectionPaging {
  engine: PagingFaultEngine;
  collection: PagedCollection;
  maxPageSize?: number;
}

export function collection(
  call: GraphCall,
  set: string,
  items: readonly Record<string, unknown>[],
  select: readonly string[] | undefined,
  paging?: CollectionPaging,
): SimResponse {
  const query = call.req.query;
  const top = Math.min(parseTop(query), paging?.maxPageSize ?? MAX_TOP);
  const key = queryKey(set, query);
  const token = query.get('$skiptoken');
  const cursor = token === null ? { offset: 0, duplicate: false } : decodeSkipTokenCursor(token, key);
  const path = call.segments.join('/');
  return graphPage(paging?.engine, {
    ...(paging ? { collection: paging.collection } : {}),
    offset: cursor.offset,
    duplicate: cursor.duplicate,
    pageSize: top,
    total: items.length,
    items: items.slice(cursor.offset, cursor.offset + top).map((i) => project(i, select)),
    head: { '@odata.context': contextUrl(call, set, select) },
    linkTo: (offset, duplicate, nonce) => pageLink(call, path, key, offset, duplicate, nonce),
  });
}

export function entity(call: GraphCall, set: string, item: Record<string, unknown>, select: readonly string[] | undefined): SimResponse {
  return jsonResponse(200, { '@odata.context': contextUrl(call, set, select, true), ...project(item, select) });
}
