/**
 * CSOM `/_vti_bin/client.svc/ProcessQuery` on the admin site: just enough for the tenant-wide personal-site enumeration
 * CLI for Microsoft 365 (`onedrive list`) sends — a GetSitePropertiesFromSharePointByFilters method call with
 * IncludePersonalSite, StartIndex and Template — answered as CSOM does (captured responses in pnp/cli-microsoft365's
 * `onedrive list` and `spo site … list` specs): a JSON array whose first element carries ErrorInfo (errors come back with
 * HTTP 200) and whose last element is the SPOSitePropertiesEnumerable page. The paging token
 * (NextStartIndexFromSharePoint) is opaque, "SPSiteQuery,<guid>,<guid>,<guid>", and null on the last page.
 */
import { randomUUID } from 'node:crypto';
import { jsonResponse, RawJson, textResponse, type SimResponse } from './http';
import { encodedItem, encodedParts } from './encodedItems';

/** Stands for the page's items while the rest of the answer is serialized (no site URL or title holds it). */
const ITEMS_MARK = '\u0000csom-items\u0000';
import { truncatedJson, type PagingFaultEngine } from './pagingFaults';
import type { PersonalSiteRecord, SimulatorState } from './state';

const DEFAULT_PAGE_SIZE = 300;
/** As in the captured responses. */
export const CSOM_LIBRARY_VERSION = '16.0.21402.12001';

export interface CsomProperty {
  type: string;
  /** undefined for Type="Null". */
  value: string | undefined;
}

/** Where a paging token continues: the offset, and the query it belongs to. */
export interface CsomCursor {
  offset: number;
  query: string;
  /** The token reads the duplicate of the page at `offset` (paging fault `duplicate-page`). */
  duplicate?: boolean;
}

function xmlDecode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** `<Property Name="StartIndex" Type="String">SPSiteQuery,…</Property>` or `<Property Name="StartIndex" Type="Null" />`. */
export function parseCsomProperties(xml: string): Map<string, CsomProperty> {
  const props = new Map<string, CsomProperty>();
  const re = /<Property\s+Name\s*=\s*"([^"]+)"\s+Type\s*=\s*"([^"]+)"\s*(?:\/>|>([\s\S]*?)<\/Property>)/gi;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const type = m[2] ?? '';
    props.set(m[1] ?? '', { type, value: type.toLowerCase() === 'null' || m[3] === undefined ? undefined : xmlDecode(m[3]) });
  }
  return props;
}

function header(correlationId: string, errorInfo: Record<string, unknown> | null): Record<string, unknown> {
  return { SchemaVersion: '15.0.0.0', LibraryVersion: CSOM_LIBRARY_VERSION, ErrorInfo: errorInfo, TraceCorrelationId: correlationId };
}

/**
 * A CSOM error: HTTP 200, `[ { SchemaVersion, LibraryVersion, ErrorInfo: { ErrorMessage, ErrorValue: null,
 * TraceCorrelationId, ErrorCode, ErrorTypeName }, TraceCorrelationId } ]` (the shape of the captured error answer).
 */
export function csomError(message: string, code: number, typeName: string, correlationId: string = randomUUID()): SimResponse {
  return jsonResponse(200, [
    header(correlationId, { ErrorMessage: message, ErrorValue: null, TraceCorrelationId: correlationId, ErrorCode: code, ErrorTypeName: typeName }),
  ]);
}

export function csomAccessDenied(correlationId?: string): SimResponse {
  return csomError(
    'Access denied. You do not have permission to perform this action or access this resource.',
    -2147024891,
    'System.UnauthorizedAccessException',
    correlationId,
  );
}

/** Action ids in request order: ObjectPath actions answer `{ IsNull: false }`, the Query action answers the result. */
function actionIds(xml: string): { objectPaths: number[]; query: number | undefined } {
  const actions = /<Actions>([\s\S]*?)<\/Actions>/i.exec(xml)?.[1] ?? '';
  const objectPaths: number[] = [];
  let query: number | undefined;
  const re = /<(ObjectPath|Query)\s+Id\s*=\s*"(\d+)"/gi;
  for (let m = re.exec(actions); m; m = re.exec(actions)) {
    if ((m[1] ?? '').toLowerCase() === 'objectpath') objectPaths.push(Number(m[2]));
    else if (query === undefined) query = Number(m[2]);
  }
  return { objectPaths, query };
}

/** CSOM's date form in the captured answers: `/Date(2021,3,1,16,45,15,517)/` (month counted from 0). */
export function csomDate(ms: number): string {
  const d = new Date(ms);
  const parts = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()];
  return `/Date(${parts.join(',')})/`;
}

/** A fresh opaque paging token, shaped like SharePoint's, remembered as the last one issued for its page. */
function newPageToken(state: SimulatorState, cursor: CsomCursor): string {
  const token = `SPSiteQuery,${randomUUID()},${randomUUID()},${randomUUID()}`;
  state.csomCursors.set(token, cursor);
  if (!cursor.duplicate) state.csomLastTokens.set(`${cursor.query}|${cursor.offset}`, token);
  return token;
}

/** The token that last read the page at `offset` (for a `cycle`: the link back to a page already read). */
function tokenOfPage(state: SimulatorState, query: string, offset: number): string {
  return state.csomLastTokens.get(`${query}|${offset}`) ?? newPageToken(state, { offset, query });
}

/** One clause of the Filter the simulator honours: `Url -like '<text>'` or `Url -notlike '<text>'`. */
export interface CsomUrlFilter {
  negate: boolean;
  /** Lower-cased: matched as a case-insensitive substring of the site URL. */
  text: string;
}

/**
 * Parses `SPOSitePropertiesEnumerableFilter.Filter`. Supported: `Url -like '<text>'` and `Url -notlike '<text>'`
 * (single or double quotes; the operators are case-sensitive, as Get-SPOSite documents). `-like` without a wildcard is a
 * substring match: Microsoft's own example lists every OneDrive with `Url -like '-my.sharepoint.com/personal/'`.
 * Anything else — `-and`, `-or`, other properties — answers undefined: no evidence says how the service treats it, so
 * the simulator refuses it rather than guess.
 */
export function parseUrlFilter(filter: string): CsomUrlFilter | undefined {
  const m = /^\s*\{?\s*\$?_?\.?Url\s+-(like|notlike)\s+(?:'([^']*)'|"([^"]*)")\s*\}?\s*$/.exec(filter);
  if (!m) return undefined;
  return { negate: m[1] === 'notlike', text: (m[2] ?? m[3] ?? '').toLowerCase() };
}

/** `Url -like` as a whole-URL wildcard pattern (`*` any run, `?` one character), case-insensitive. */
function wildcard(text: string): RegExp {
  const body = text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Which URLs pass a filter (the pattern compiled once). */
function matcherOf(filter: CsomUrlFilter | undefined, mode: 'substring' | 'pattern' = 'substring'): (url: string) => boolean {
  if (!filter) return () => true;
  if (mode === 'pattern') {
    const pattern = wildcard(filter.text);
    return (url) => pattern.test(url) !== filter.negate;
  }
  return (url) => url.toLowerCase().includes(filter.text) !== filter.negate;
}

/** The sites' URLs in lower case, once per list of sites (the substring match compares them with each filter). */
const lowerUrls = new WeakMap<readonly PersonalSiteRecord[], string[]>();
function lowerUrlsOf(sites: readonly PersonalSiteRecord[]): string[] {
  let lower = lowerUrls.get(sites);
  // Sites are only ever added (a provisioning request's site): a list of another length is computed again.
  if (!lower || lower.length !== sites.length) {
    lower = sites.map((p) => p.url.toLowerCase());
    lowerUrls.set(sites, lower);
  }
  return lower;
}

/**
 * Personal sites of the default geo that pass a filter, computed once per distinct filter while the sites stay as they
 * are (they are only ever added, by a provisioning request: a new count of sites starts the cache again).
 */
const filteredSites = new WeakMap<SimulatorState, Map<string, readonly PersonalSiteRecord[]>>();
/** Substring filters' sites by their text (lower case), to narrow a longer text from a shorter one. */
const substringSites = new WeakMap<SimulatorState, Map<string, readonly PersonalSiteRecord[]>>();
const cachedForCount = new WeakMap<SimulatorState, number>();
function personalSitesPassing(state: SimulatorState, key: string, filter: CsomUrlFilter | undefined): readonly PersonalSiteRecord[] {
  const all = state.personalSitesInDefaultGeo();
  if (!filter) return all;
  let cache = filteredSites.get(state);
  if (!cache || cachedForCount.get(state) !== all.length) {
    cache = new Map();
    filteredSites.set(state, cache);
    substringSites.delete(state);
    cachedForCount.set(state, all.length);
  }
  const mode = state.fixture.simulation?.csomLikeMatch ?? 'substring';
  const hit = cache.get(`${mode}|${key}`);
  if (hit) return hit;
  let kept: readonly PersonalSiteRecord[];
  if (mode === 'substring') {
    // The same test as matcherOf's, on URLs lowered once rather than once per filter. A site holding the text holds
    // every shorter start of it: looked for among the sites of the longest one already computed (a partitioned scan's
    // children narrow their parent), so the simulator's own work stays small at 1,000,000 users.
    let within: readonly PersonalSiteRecord[] | undefined;
    let texts = substringSites.get(state);
    if (!texts) {
      texts = new Map();
      substringSites.set(state, texts);
    }
    if (!filter.negate) {
      for (let length = filter.text.length - 1; length > 0 && !within; length--) within = texts.get(filter.text.slice(0, length));
    }
    if (within) {
      kept = within.filter((p) => p.url.toLowerCase().includes(filter.text));
    } else {
      const lower = lowerUrlsOf(all);
      kept = all.filter((_, i) => (lower[i] as string).includes(filter.text) !== filter.negate);
    }
    if (!filter.negate) {
      if (texts.size > 2048) texts.clear();
      texts.set(filter.text, kept);
    }
  } else {
    const passes = matcherOf(filter, mode);
    kept = all.filter((p) => passes(p.url));
  }
  if (cache.size > 2048) cache.clear();
  cache.set(`${mode}|${key}`, kept);
  return kept;
}


/** A personal site as the enumeration lists it (`owner`: false when a paging fault drops the owners). */
function personalSiteItem(p: PersonalSiteRecord, owner: boolean): Record<string, unknown> {
  return {
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties',
    Url: p.url,
    ...(owner ? { Owner: p.owner } : {}),
    Template: 'SPSPERS#10',
    Title: p.title,
    Status: 'Active',
    LastContentModifiedDate: csomDate(p.provisionedAt ?? Date.UTC(2024, 0, 15)),
  };
}
const withOwner = (p: PersonalSiteRecord): Record<string, unknown> => personalSiteItem(p, true);

/**
 * Computes, ahead of the requests, which personal sites pass each of these `Filter` values (as a page asked with it
 * would, then from the cache): the benchmark's simulator does it before its measures.
 */
export function prewarmSiteFilters(state: SimulatorState, filters: readonly string[]): void {
  for (const raw of filters) {
    const filter = parseUrlFilter(raw);
    if (filter) personalSitesPassing(state, `${filter.negate ? '!' : ''}${filter.text}`, filter);
  }
}

/** Serializes every personal site once, ahead of the requests (see prewarmUsers in graphUsers.ts). */
export function prewarmPersonalSites(sites: readonly PersonalSiteRecord[]): void {
  for (const p of sites) encodedItem(p, 'csom-personal-site', withOwner);
}

export function handleProcessQuery(
  state: SimulatorState,
  xml: string,
  correlationId: string = randomUUID(),
  paging?: PagingFaultEngine,
): SimResponse {
  if (!/GetSitePropertiesFromSharePointByFilters/i.test(xml)) {
    return csomError(
      'The demo tenant simulator answers only GetSitePropertiesFromSharePointByFilters through ProcessQuery.',
      -1,
      'Microsoft.SharePoint.Client.InvalidClientQueryException',
      correlationId,
    );
  }
  const props = parseCsomProperties(xml);
  const includePersonal = (props.get('IncludePersonalSite')?.value ?? '0').trim() === '1';
  const template = (props.get('Template')?.value ?? '').trim();
  const personalOnly = template.toUpperCase().startsWith('SPSPERS');
  const filterRaw = props.get('Filter')?.value;
  const filter = filterRaw !== undefined && filterRaw.trim() !== '' ? parseUrlFilter(filterRaw) : undefined;
  if (filterRaw !== undefined && filterRaw.trim() !== '' && !filter) {
    // Not captured from the real service: the simulator honours only `Url -like` / `Url -notlike` (see README).
    return csomError(`The demo tenant simulator supports only Url -like '…' and Url -notlike '…' in Filter, not: ${filterRaw}`, -2147024809, 'System.ArgumentException', correlationId);
  }
  const filterKey = filter ? `${filter.negate ? '!' : ''}${filter.text}` : '';
  const query = `${includePersonal ? 1 : 0}|${template.toUpperCase()}|${filterKey}`;

  // First page: StartIndex Null, empty or "0" (CLI for Microsoft 365 sends "0"). Later pages: a token we issued.
  const startRaw = (props.get('StartIndex')?.value ?? '').trim();
  let start = 0;
  let duplicate = false;
  if (startRaw !== '' && startRaw !== '0') {
    const cursor = state.csomCursors.get(startRaw);
    if (!cursor || cursor.query !== query) {
      // Not captured from the real service; an ArgumentException as .NET raises for a value out of range.
      return csomError('Value does not fall within the expected range.', -2147024809, 'System.ArgumentException', correlationId);
    }
    start = cursor.offset;
    duplicate = cursor.duplicate === true;
  }
  const pageSize = state.fixture.simulation?.pageSizes?.personalSites ?? DEFAULT_PAGE_SIZE;
  // Paging faults (personal sites): page N is the one starting at (N - 1) × page size; a duplicate keeps its number.
  const pageNo = Math.floor(start / pageSize) + 1;
  const take = (kind: Parameters<PagingFaultEngine['take']>[1], n: number = pageNo): boolean =>
    paging !== undefined && paging.take('personalSites', kind, n) !== undefined;
  if (take('error-body-200')) {
    return csomError('An unexpected error has occurred. (simulated paging fault error-body-200)', -2146232832, 'Microsoft.SharePoint.SPException', correlationId);
  }
  const withoutOwner = take('missing-upn');

  const host = state.fixture.tenant.sharePointHost;
  const sites: Array<{ Url: string; Owner: string; Template: string; Title: string }> = [];
  if (!personalOnly) {
    sites.push({ Url: `https://${host}.sharepoint.com/`, Owner: '', Template: 'SITEPAGEPUBLISHING#0', Title: 'Communication site' });
    sites.push({ Url: `https://${host}.sharepoint.com/sites/migration`, Owner: '', Template: 'SITEPAGEPUBLISHING#0', Title: 'Migration' });
    const passes = matcherOf(filter, state.fixture.simulation?.csomLikeMatch);
    sites.splice(0, sites.length, ...sites.filter((site) => passes(site.Url)));
  }
  // Multi-Geo: each geo location has its own tenant admin center, which lists only that geo's sites (SharePoint
  // docs, "Work with sites in a Multi-Geo environment"). This admin host is the default geo's.
  const personal = includePersonal ? personalSitesPassing(state, filterKey, filter) : [];
  const total = sites.length + personal.length;
  const end = Math.min(total, start + pageSize);
  // Each item as an object, or (the page's personal sites, when no fault drops owners) as bytes serialized once.
  const items: Array<Record<string, unknown> | Buffer> = [];
  for (let i = start; i < end; i++) {
    const s = i < sites.length ? sites[i] : undefined;
    if (s) {
      items.push({ _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties', ...s, Status: 'Active' });
      continue;
    }
    const p = personal[i - sites.length];
    if (!p) continue;
    items.push(withoutOwner ? personalSiteItem(p, false) : encodedItem(p, 'csom-personal-site', withOwner));
  }
  let next: string | null = null;
  if (end < total) {
    next = !duplicate && take('duplicate-page') ? newPageToken(state, { offset: start, query, duplicate: true }) : newPageToken(state, { offset: end, query });
  }
  // `cycle` on page N bends page N+1: its token is the one that read page N.
  if (pageNo >= 2 && take('cycle', pageNo - 1)) next = tokenOfPage(state, query, (pageNo - 2) * pageSize);
  const result = {
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SPOSitePropertiesEnumerable',
    NextStartIndex: -1,
    NextStartIndexFromSharePoint: next,
    _Child_Items_: ITEMS_MARK as unknown,
  };
  const ids = actionIds(xml);
  const out: unknown[] = [header(correlationId, null)];
  const objectPaths = ids.objectPaths.length > 0 || ids.query !== undefined ? ids.objectPaths : [2];
  for (const id of objectPaths) out.push(id, { IsNull: false });
  out.push(ids.query ?? 4, result);
  if (take('invalid-json')) {
    result._Child_Items_ = items.map((item) => (Buffer.isBuffer(item) ? (JSON.parse(item.toString('utf8')) as unknown) : item));
    return textResponse(200, truncatedJson(out), 'application/json');
  }
  // JSON.stringify's own text around the items, the items' bytes in their place.
  const [before, after] = JSON.stringify(out).split(JSON.stringify(ITEMS_MARK)) as [string, string];
  const encoded = items.map((item) => (Buffer.isBuffer(item) ? item : Buffer.from(JSON.stringify(item), 'utf8')));
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body: new RawJson(encodedParts(before, encoded, after)) };
}
