/**
 * Graph users: GET /me, /users/{id} (with `$select=mySite` as Graph answers it, by `sharePoint.mySiteMissing` and
 * `mySiteErrors`), /users paged (with $filter, $count and the advanced-query rules: ConsistencyLevel: eventual),
 * /users/$count, and the migration list's address lookups (`userPrincipalName in (…)`, `mail in (…)`,
 * `proxyAddresses/any(p:p eq 'smtp:…')`), answered from an index.
 */
import type { SimContext } from './context';
import { contextUrl, pageLink, parseTop, queryKey, type GraphCall } from './graphCall';
import { graphError, jsonResponse, textResponse, type SimRequest, type SimResponse } from './http';
import { decodeSkipTokenCursor, matchesFilter, ODataError, parseFilter, unquote, type FilterClause } from './odata';
import { graphPage } from './pagingFaults';
import type { GraphUser } from './types';
import { encodedItem } from './encodedItems';

/** Graph's default user properties when no $select is given. */
const DEFAULT_USER_PROPS = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];

const KNOWN_USER_PROPS = [
  'id', 'accountEnabled', 'assignedLicenses', 'assignedPlans', 'businessPhones', 'city', 'companyName', 'country',
  'createdDateTime', 'department', 'displayName', 'employeeId', 'givenName', 'jobTitle', 'mail', 'mailNickname',
  'mobilePhone', 'mySite', 'officeLocation', 'onPremisesSyncEnabled', 'otherMails', 'preferredDataLocation', 'preferredLanguage',
  'proxyAddresses', 'surname', 'usageLocation', 'userPrincipalName', 'userType',
];

const USER_PROP_CASE = new Map(KNOWN_USER_PROPS.map((p) => [p.toLowerCase(), p] as const));

function canonicalUserProp(p: string): string {
  return USER_PROP_CASE.get(p.toLowerCase()) ?? p;
}

function projectUser(u: GraphUser, select: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: u.id };
  for (const p of select) {
    if (p === 'id') continue;
    const v = u[p];
    out[p] = v === undefined ? (p === 'businessPhones' ? [] : null) : v;
  }
  return out;
}

/**
 * `$select=mySite` on a single user. With a site: its URL — unless `sharePoint.mySiteErrors` lists the user (400
 * BadRequest / 500 UnknownError "Unable to retrieve user's mysite URL.", as recorded in alcionai/corso and
 * OneDrive/onedrive-api-docs#1511). Without a site, by `sharePoint.mySiteMissing`: "not-found" (default) 404
 * ResourceNotFound "User's mysite not found."; "null" 200 with mySite null (OneDrive/onedrive-api-docs#662);
 * "unknown-error" 500 UnknownError "Unable to retrieve user's mysite URL." (Azure-Samples/ms-identity-python-daemon#18).
 */
function mySiteOf(ctx: SimContext, user: GraphUser): { value: string | null } | SimResponse {
  const sp = ctx.state.fixture.sharePoint;
  const forced = sp.mySiteErrors?.[user.id];
  if (forced === 400) return graphError(400, 'BadRequest', "Unable to retrieve user's mysite URL.");
  if (forced === 500) return graphError(500, 'UnknownError', "Unable to retrieve user's mysite URL.");
  const site = ctx.state.personalSiteOf(user);
  if (site) return { value: site.url };
  switch (sp.mySiteMissing ?? 'not-found') {
    case 'null':
      return { value: null };
    case 'unknown-error':
      return graphError(500, 'UnknownError', "Unable to retrieve user's mysite URL.");
    case 'not-found':
      return graphError(404, 'ResourceNotFound', "User's mysite not found.");
  }
}

export function singleUser(ctx: SimContext, call: GraphCall, user: GraphUser, select: readonly string[] | undefined): SimResponse {
  const props = select ? select.map(canonicalUserProp) : DEFAULT_USER_PROPS;
  const wantsMySite = props.includes('mySite');
  const out = projectUser(user, props.filter((p) => p !== 'mySite'));
  if (wantsMySite) {
    const mySite = mySiteOf(ctx, user);
    if ('status' in mySite) return mySite;
    out.mySite = mySite.value;
  }
  return jsonResponse(200, { '@odata.context': contextUrl(call, 'users', select ? props : undefined, true), ...out });
}

interface UserQuery {
  clauses: FilterClause[];
  key: string;
  advanced: boolean;
}

const USER_FILTER_PROPS = new Map([
  ['accountenabled', 'accountEnabled'],
  ['usertype', 'userType'],
  ['userprincipalname', 'userPrincipalName'],
  ['displayname', 'displayName'],
  ['mail', 'mail'],
  ['givenname', 'givenName'],
  ['surname', 'surname'],
  ['department', 'department'],
  ['assignedlicenses', 'assignedLicenses'],
]);

function parseUserQuery(query: URLSearchParams): UserQuery {
  const filter = query.get('$filter') ?? query.get('filter');
  if (filter === null || filter.trim() === '') return { clauses: [], key: '', advanced: false };
  const clauses = parseFilter(filter).map((c): FilterClause => {
    const property = USER_FILTER_PROPS.get(c.property.toLowerCase());
    if (!property) throw new ODataError(`Unsupported or invalid query filter clause specified for property '${c.property}' of resource 'User'.`);
    if (c.op === 'count' && !(property === 'assignedLicenses' && c.value === 0 && c.cmp !== 'gt')) {
      throw new ODataError(`Unsupported $count filter on '${c.property}'. The simulator supports assignedLicenses/$count ne 0 and eq 0.`);
    }
    if (property === 'accountEnabled' && (c.op === 'startswith' || typeof c.value !== 'boolean')) {
      throw new ODataError("accountEnabled supports only 'eq true' and 'eq false'.");
    }
    return { ...c, property } as FilterClause;
  });
  const key = clauses
    .map((c) => (c.op === 'count' ? `${c.property}/$count ${c.cmp} ${c.value}` : `${c.op}(${c.property},${JSON.stringify(typeof c.value === 'string' ? c.value.toLowerCase() : c.value)})`))
    .sort()
    .join(' and ');
  return { clauses, key, advanced: clauses.some((c) => c.op === 'count') };
}

function isEventual(req: SimRequest): boolean {
  return (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
}

/** The cache key of `startsWith(userPrincipalName, value)` alone (parseUserQuery's form). */
function upnPrefixKey(value: string): string {
  return `startswith(userPrincipalName,${JSON.stringify(value.toLowerCase())})`;
}

/**
 * Indices of matching users, computed once per distinct filter and cached (users never change). A UPN prefix is looked
 * for among the users of its longest shorter prefix already computed (a partitioned scan's children narrow their
 * parent): the simulator's own work, which stands for none of the service's time, stays small at 1,000,000 users.
 */
function userIndices(ctx: Pick<SimContext, 'state'>, q: UserQuery): Uint32Array | undefined {
  if (q.clauses.length === 0) return undefined;
  const cache = ctx.state.userQueryCache;
  const cached = cache.get(q.key);
  if (cached) return cached;
  const users = ctx.state.users;
  const only = q.clauses.length === 1 ? q.clauses[0] : undefined;
  let within: Uint32Array | undefined;
  if (only && only.op === 'startswith' && only.property === 'userPrincipalName') {
    for (let length = only.value.length - 1; length >= 1 && !within; length--) within = cache.get(upnPrefixKey(only.value.slice(0, length)));
  }
  const hits: number[] = [];
  if (within) {
    for (let k = 0; k < within.length; k++) {
      const i = within[k] as number;
      const u = users[i];
      if (u && matchesFilter(u, q.clauses)) hits.push(i);
    }
  } else {
    for (let i = 0; i < users.length; i++) {
      const u = users[i];
      if (u && matchesFilter(u, q.clauses)) hits.push(i);
    }
  }
  const result = Uint32Array.from(hits);
  if (cache.size > 2048) cache.clear();
  cache.set(q.key, result);
  return result;
}

function requireAdvanced(req: SimRequest, needCountParam: boolean): void {
  const count = (req.query.get('$count') ?? '').toLowerCase() === 'true';
  if (!isEventual(req) || (needCountParam && !count)) {
    throw new ODataError(
      needCountParam
        ? 'This is an advanced query (assignedLicenses/$count): send the header ConsistencyLevel: eventual and $count=true.'
        : '$count is not currently supported without the header ConsistencyLevel: eventual.',
      needCountParam ? 'Request_UnsupportedQuery' : 'Request_BadRequest',
    );
  }
}

/**
 * An address lookup (the migration list's): `userPrincipalName in ('a',…)` or `mail in (…)` — Graph answers `in` by
 * default wherever it answers `eq`, with at most 15 values unless the query is an advanced one — or
 * `proxyAddresses/any(p:p eq 'smtp:a')` (lambda `eq` on proxyAddresses: default), alone or up to 15 joined by `or`.
 * Case-insensitive, as the directory.
 */
interface AddressLookup {
  property: 'userPrincipalName' | 'mail' | 'proxyAddresses';
  values: string[];
}

const QUOTED = "'(?:[^']|'')*'";
const LOOKUP_IN = new RegExp(`^\\s*(userPrincipalName|mail)\\s+in\\s+\\(\\s*(${QUOTED}(?:\\s*,\\s*${QUOTED})*)\\s*\\)\\s*$`, 'i');
const PROXY_CLAUSE = `proxyAddresses/any\\(\\s*(\\w+)\\s*:\\s*(\\w+)\\s+eq\\s+(${QUOTED})\\s*\\)`;
/** One `any` clause, or several joined by `or` (Microsoft Entra docs, B2B collaboration API and customization, joins them so). */
const LOOKUP_PROXY = new RegExp(`^\\s*${PROXY_CLAUSE}(?:\\s+or\\s+${PROXY_CLAUSE})*\\s*$`, 'i');
const PROXY_CLAUSES = new RegExp(PROXY_CLAUSE, 'gi');
/** Graph's limit on the values of `in` without advanced query parameters. */
const MAX_IN_VALUES = 15;

function parseAddressLookup(req: SimRequest): AddressLookup | undefined {
  const filter = req.query.get('$filter') ?? req.query.get('filter');
  if (filter === null) return undefined;
  if (LOOKUP_PROXY.test(filter)) {
    const values: string[] = [];
    for (const clause of filter.matchAll(PROXY_CLAUSES)) {
      if ((clause[1] ?? '') !== (clause[2] ?? '')) throw new ODataError(`Could not find a property named '${clause[2] ?? ''}' on type 'microsoft.graph.user'.`, 'BadRequest');
      values.push(unquote((clause[3] ?? "''").slice(1, -1)));
    }
    // `or` has the same cap as `in` (Graph's message for both names the OR operators).
    if (values.length > MAX_IN_VALUES && !(isEventual(req) && (req.query.get('$count') ?? '').toLowerCase() === 'true')) {
      throw new ODataError(`Too many child clauses specified in search filter expression containing 'OR' operators: ${values.length}. Max allowed: ${MAX_IN_VALUES}.`);
    }
    return { property: 'proxyAddresses', values };
  }
  const list = LOOKUP_IN.exec(filter);
  if (!list) return undefined;
  const values = ((list[2] ?? '').match(new RegExp(QUOTED, 'g')) ?? []).map((v) => unquote(v.slice(1, -1)));
  const advanced = isEventual(req) && (req.query.get('$count') ?? '').toLowerCase() === 'true';
  if (values.length > MAX_IN_VALUES && !advanced) {
    throw new ODataError(`Too many child clauses specified in search filter expression containing 'OR' operators: ${values.length}. Max allowed: ${MAX_IN_VALUES}.`);
  }
  return { property: (list[1] ?? '').toLowerCase() === 'mail' ? 'mail' : 'userPrincipalName', values };
}

/** Per users array: property → lower-case value → user indices, built on the first lookup (users never change). */
const addressIndexes = new WeakMap<readonly GraphUser[], Map<string, Map<string, number[]>>>();

function addressIndex(users: readonly GraphUser[], property: AddressLookup['property']): Map<string, number[]> {
  let byProperty = addressIndexes.get(users);
  if (!byProperty) {
    byProperty = new Map();
    addressIndexes.set(users, byProperty);
  }
  const cached = byProperty.get(property);
  if (cached) return cached;
  const index = new Map<string, number[]>();
  const add = (value: unknown, i: number): void => {
    if (typeof value !== 'string' || value === '') return;
    const hits = index.get(value.toLowerCase());
    if (!hits) index.set(value.toLowerCase(), [i]);
    else if (hits[hits.length - 1] !== i) hits.push(i);
  };
  for (let i = 0; i < users.length; i++) {
    const value = users[i]?.[property];
    if (Array.isArray(value)) for (const v of value) add(v, i);
    else add(value, i);
  }
  byProperty.set(property, index);
  return index;
}

/** The users an address lookup finds, in directory order, as one page (a lookup finds at most a few). */
function lookupUsers(ctx: SimContext, call: GraphCall, select: readonly string[] | undefined, lookup: AddressLookup): SimResponse {
  const props = select ? select.map(canonicalUserProp) : DEFAULT_USER_PROPS;
  const index = addressIndex(ctx.state.users, lookup.property);
  const hits = new Set<number>();
  for (const value of lookup.values) for (const i of index.get(value.toLowerCase()) ?? []) hits.add(i);
  const value: Record<string, unknown>[] = [];
  for (const i of Array.from(hits).sort((a, b) => a - b)) {
    const u = ctx.state.users[i];
    if (u) value.push(projectUser(u, props));
  }
  const body: Record<string, unknown> = { '@odata.context': contextUrl(call, 'users', select) };
  if ((call.req.query.get('$count') ?? '').toLowerCase() === 'true') body['@odata.count'] = value.length;
  body.value = value;
  return jsonResponse(200, body);
}

/**
 * Serializes every user once for a users page of this `$select` (encodedItems.ts), ahead of the requests: the
 * benchmark's simulator does it before its measures, so what it measures is the client's work, not the simulator's.
 */
export function prewarmUsers(users: readonly GraphUser[], select: readonly string[]): void {
  const props = select.map(canonicalUserProp);
  const projection = `user:${props.join(',')}`;
  for (const u of users) encodedItem(u, projection, (x) => projectUser(x, props));
}

/** Computes, ahead of the requests, which users pass each of these `$filter` values (kept as a page asked with it would). */
export function prewarmUserFilters(state: SimContext['state'], filters: readonly string[]): void {
  for (const filter of filters) userIndices({ state }, parseUserQuery(new URLSearchParams({ $filter: filter })));
}

export function listUsers(ctx: SimContext, call: GraphCall, select: readonly string[] | undefined): SimResponse {
  const query = call.req.query;
  const props = select ? select.map(canonicalUserProp) : DEFAULT_USER_PROPS;
  if (props.includes('mySite')) {
    throw new ODataError("mySite can be selected only when reading a single user (GET /users/{id}?$select=mySite).");
  }
  const lookup = parseAddressLookup(call.req);
  if (lookup) return lookupUsers(ctx, call, select, lookup);
  // The service's largest page (simulation.pageSizes.users) may be smaller than $top: Graph pages on its own terms.
  const top = Math.min(parseTop(query), ctx.state.fixture.simulation?.pageSizes?.users ?? Number.MAX_SAFE_INTEGER);
  const q = parseUserQuery(query);
  const countRequested = (query.get('$count') ?? '').toLowerCase() === 'true';
  if (q.advanced) requireAdvanced(call.req, true);
  else if (countRequested) requireAdvanced(call.req, false);

  const indices = userIndices(ctx, q);
  const users = ctx.state.users;
  const total = indices ? indices.length : users.length;
  const key = queryKey('users', query);
  const token = query.get('$skiptoken');
  const cursor = token === null ? { offset: 0, duplicate: false } : decodeSkipTokenCursor(token, key);
  const offset = cursor.offset;
  const end = Math.min(total, offset + top);
  const pageUsers: GraphUser[] = [];
  for (let i = offset; i < end; i++) {
    const u = users[indices ? (indices[i] ?? 0) : i];
    if (u) pageUsers.push(u);
  }
  const projection = `user:${props.join(',')}`;
  const head: Record<string, unknown> = { '@odata.context': contextUrl(call, 'users', select) };
  if (countRequested) head['@odata.count'] = total;
  return graphPage(ctx.paging, {
    // Paging faults bend the users list as the scan reads it (not a filtered query such as a people search).
    ...(q.clauses.length === 0 ? { collection: 'users' as const } : {}),
    offset,
    duplicate: cursor.duplicate,
    pageSize: top,
    total,
    get items(): Record<string, unknown>[] {
      return pageUsers.map((u) => projectUser(u, props));
    },
    encoded: () => pageUsers.map((u) => encodedItem(u, projection, (x) => projectUser(x, props))),
    head,
    linkTo: (at, duplicate, nonce) => pageLink(call, 'users', key, at, duplicate, nonce),
  });
}

export function countUsers(ctx: SimContext, call: GraphCall): SimResponse {
  requireAdvanced(call.req, false);
  const q = parseUserQuery(call.req.query);
  const indices = userIndices(ctx, q);
  return textResponse(200, String(indices ? indices.length : ctx.state.users.length), 'text/plain');
}
