/**
 * Microsoft Graph v1.0 routes the product's adapters call, answered from the fixture in Graph's own shapes.
 * Entry points: handleGraph (one HTTP request under /graph/v1.0) — which runs $batch items through the same pipeline.
 */
import { randomUUID } from 'node:crypto';
import type { SimContext } from './context';
import type { FaultDecision } from './faults';
import { graphError, isRecord, jsonResponse, parseJsonBody, textResponse, type SimRequest, type SimResponse } from './http';
import {
  decodeSkipToken,
  encodeSkipToken,
  matchesFilter,
  ODataError,
  parseFilter,
  parseSelect,
  project,
  type FilterClause,
} from './odata';
import type { GraphUser } from './types';

export const GRAPH_PREFIX = '/graph/v1.0';
const MAX_BATCH = 20;
const DEFAULT_TOP = 100;
const MAX_TOP = 999;

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

/** Delegated scopes (any of) per first path segment. Higher-privileged members of the same family are accepted too. */
const REQUIRED_SCOPES: Record<string, readonly string[]> = {
  me: ['User.Read', 'User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  organization: ['User.Read', 'Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  subscribedskus: ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  serviceprincipals: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  oauth2permissiongrants: ['Directory.Read.All', 'Directory.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'],
};

/**
 * GET /roleManagement/directory/roleEligibilityScheduleInstances (Graph docs, "List roleEligibilityScheduleInstances"):
 * delegated RoleEligibilitySchedule.Read.Directory, or the higher RoleEligibilitySchedule.ReadWrite.Directory,
 * RoleManagement.Read.All, RoleManagement.Read.Directory, RoleManagement.ReadWrite.Directory.
 */
const PIM_ELIGIBILITY_SCOPES = [
  'RoleEligibilitySchedule.Read.Directory',
  'RoleEligibilitySchedule.ReadWrite.Directory',
  'RoleManagement.Read.All',
  'RoleManagement.Read.Directory',
  'RoleManagement.ReadWrite.Directory',
] as const;

/**
 * Roles the signed-in user needs for PIM reads (Graph docs include rbac-pim-entra-roles-apis.md: "Global Reader, Security
 * Operator, Security Reader, Security Administrator, or Privileged Role Administrator" as least privileged; Global
 * Administrator is higher privileged).
 */
const PIM_READER_ROLE_TEMPLATES: ReadonlySet<string> = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451', // Global Reader
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', // Security Operator
  '5d6b6bb7-de71-4623-b4af-96380a352509', // Security Reader
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
]);

/** AAD_PREMIUM_P2 service plan (Microsoft Entra ID P2), from Microsoft's licensing service plan reference. */
const AAD_PREMIUM_P2_PLAN_ID = 'eec0eb4f-6444-4f95-aba0-50c24d67f998';

const COLLECTION_SEGMENTS = new Set([
  'users', 'serviceprincipals', 'oauth2permissiongrants', 'subscribedskus', 'organization', 'approleassignedto',
  'microsoft.graph.directoryrole',
]);

interface GraphCall {
  req: SimRequest;
  /** Decoded path segments relative to /graph/v1.0. */
  segments: string[];
  /** Path + query relative to /graph/v1.0, as received. */
  relativeUrl: string;
}

function baseUrl(host: string): string {
  return `http://${host}${GRAPH_PREFIX}`;
}

function splitUrl(url: string): { path: string; search: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, search: '' } : { path: url.slice(0, q), search: url.slice(q + 1) };
}

function decodeSegments(path: string): string[] {
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

function workloadOf(segments: readonly string[]): string {
  const first = segments[0] ?? '';
  const paren = first.indexOf('(');
  return (paren < 0 ? first : first.slice(0, paren)).toLowerCase();
}

function costOf(call: GraphCall): number {
  if (call.req.method !== 'GET') return 1;
  const last = (call.segments[call.segments.length - 1] ?? '').toLowerCase();
  if (!COLLECTION_SEGMENTS.has(last)) return 1;
  return parseSelect(call.req.query) ? 1 : 2;
}

const FAULT_CODES: Record<number, [string, string]> = {
  401: ['InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'],
  403: ['Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
  404: ['Request_ResourceNotFound', 'Resource does not exist or one of its queried reference-property objects are not present.'],
  429: ['TooManyRequests', 'Too many requests. Wait for the time given in the Retry-After header, then retry.'],
  500: ['generalException', 'General exception while processing.'],
  502: ['BadGateway', 'Bad gateway.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable. Retry after the time given in the Retry-After header.'],
  504: ['timeout', 'The operation timed out.'],
  507: ['quotaLimitReached', 'Insufficient storage.'],
};

function faultResponse(decision: FaultDecision): SimResponse {
  if (decision.kind === 'access-denied-200') {
    const r = graphError(200, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    return r;
  }
  const [code, message] = FAULT_CODES[decision.status] ?? ['UnknownError', 'Simulated failure.'];
  const headers: Record<string, string> = {};
  if (decision.retryAfterSeconds !== undefined) headers['Retry-After'] = String(decision.retryAfterSeconds);
  const detail = decision.reason === 'retry-after-not-honoured' ? ' (the previous Retry-After had not elapsed)' : '';
  return graphError(decision.status, code, message + detail, headers);
}

/** Entry: one HTTP request whose path starts with /graph/v1.0 (or the /graph/$batch alias). Auth is checked by the caller. */
export async function handleGraph(ctx: SimContext, req: SimRequest, relativeUrl: string): Promise<SimResponse> {
  const { path } = splitUrl(relativeUrl);
  const segments = decodeSegments(path);
  if (segments.length === 1 && segments[0] === '$batch') {
    if (req.method !== 'POST') return graphError(405, 'Request_BadRequest', 'Use POST for $batch.');
    return handleBatch(ctx, req);
  }
  return runGraphCall(ctx, { req, segments, relativeUrl });
}

/** The pipeline every Graph request (outer or $batch item) goes through: faults, rate limit, scopes, route. */
async function runGraphCall(ctx: SimContext, call: GraphCall): Promise<SimResponse> {
  const decision = ctx.faults.evaluate({
    api: 'graph',
    method: call.req.method,
    relativeUrl: call.relativeUrl.startsWith('/') ? call.relativeUrl : `/${call.relativeUrl}`,
    fullUrl: `${GRAPH_PREFIX}/${call.relativeUrl.replace(/^\//, '')}`,
    workload: workloadOf(call.segments),
    cost: costOf(call),
  });
  let response: SimResponse;
  if (decision) {
    response = faultResponse(decision);
  } else {
    try {
      response = route(ctx, call);
    } catch (e) {
      if (e instanceof ODataError) response = graphError(400, e.code, e.message);
      else throw e;
    }
  }
  Object.assign(response.headers, ctx.faults.rateLimitHeaders('graph'));
  if (!response.headers['request-id']) response.headers['request-id'] = randomUUID();
  return response;
}

function route(ctx: SimContext, call: GraphCall): SimResponse {
  const { req, segments } = call;
  const first = workloadOf(segments);
  const lower = segments.map((s) => s.toLowerCase());
  const required = REQUIRED_SCOPES[first];
  if (required && !ctx.scopes.hasGraph(required)) {
    return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  if (req.method !== 'GET') {
    return graphError(405, 'Request_BadRequest', `The demo tenant simulator answers only GET on /${segments.join('/')}.`);
  }
  const state = ctx.state;
  const select = parseSelect(req.query);
  rejectUnsupportedOptions(req.query);

  if (lower.length === 1 && first === 'me') return singleUser(ctx, call, state.signedInUser, select);
  if (lower.length === 3 && first === 'me' && lower[1] === 'transitivememberof' && lower[2] === 'microsoft.graph.directoryrole') {
    const roles = state.rolesOf(state.fixture.signedInUserId).map((r) => ({ '@odata.type': '#microsoft.graph.directoryRole', ...r }));
    return collection(call, 'directoryRoles', filtered(roles, req.query), select);
  }
  if (lower.length === 1 && first === 'organization') {
    return collection(call, 'organization', filtered([state.fixture.organization], req.query), select);
  }
  if (lower.length === 1 && first === 'subscribedskus') {
    return collection(call, 'subscribedSkus', filtered(state.fixture.subscribedSkus, req.query), select);
  }
  if (first === 'users') {
    if (lower.length === 1) return listUsers(ctx, call, select);
    if (lower.length === 2 && lower[1] === '$count') return countUsers(ctx, call);
    if (lower.length === 2) {
      const user = state.findUser(segments[1] ?? '');
      if (!user) return notFound(segments[1] ?? '');
      return singleUser(ctx, call, user, select);
    }
  }
  if (first === 'serviceprincipals') {
    const head = segments[0] ?? '';
    const byAppId = /^servicePrincipals\(appId='((?:[^']|'')*)'\)$/i.exec(head);
    let sp;
    let rest: string[];
    if (byAppId) {
      const appId = (byAppId[1] ?? '').replace(/''/g, "'");
      sp = state.fixture.servicePrincipals.find((s) => s.appId.toLowerCase() === appId.toLowerCase());
      if (!sp) return notFound(appId);
      rest = lower.slice(1);
    } else if (lower.length === 1) {
      return collection(call, 'servicePrincipals', filtered(state.fixture.servicePrincipals, req.query), select);
    } else {
      const id = segments[1] ?? '';
      sp = state.fixture.servicePrincipals.find((s) => s.id === id);
      if (!sp) return notFound(id);
      rest = lower.slice(2);
    }
    if (rest.length === 0) return entity(call, 'servicePrincipals', sp, select);
    if (rest.length === 1 && rest[0] === 'approleassignedto') {
      const spId = sp.id;
      const assignments = state.fixture.appRoleAssignments.filter((a) => a.resourceId === spId);
      return collection(call, `servicePrincipals('${spId}')/appRoleAssignedTo`, filtered(assignments, req.query), select);
    }
  }
  if (lower.length === 1 && first === 'oauth2permissiongrants') {
    return collection(call, 'oauth2PermissionGrants', filtered(state.fixture.oauth2PermissionGrants, req.query), select);
  }
  if (first === 'rolemanagement' && lower[1] === 'directory' && lower[2] === 'roleeligibilityscheduleinstances') {
    if (lower.length === 3) return roleEligibilityInstances(ctx, call, select, false);
    if (lower.length === 4 && /^filterbycurrentuser\(on='principal'\)$/.test(lower[3] ?? '')) return roleEligibilityInstances(ctx, call, select, true);
  }
  return graphError(
    501,
    'NotImplemented',
    `The demo tenant simulator does not answer GET /${segments.join('/')}` +
      (lower[2] === 'drive' ? ' (it must not: /users/{id}/drive can provision a OneDrive as a side effect).' : '.'),
  );
}

function rejectUnsupportedOptions(query: URLSearchParams): void {
  for (const opt of ['$orderby', '$search', '$expand']) {
    if (query.has(opt)) throw new ODataError(`${opt} is not supported by the demo tenant simulator.`);
  }
}

function notFound(id: string): SimResponse {
  return graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

function filtered<T extends Record<string, unknown>>(items: readonly T[], query: URLSearchParams): readonly T[] {
  const filter = query.get('$filter') ?? query.get('filter');
  if (filter === null || filter.trim() === '') return items;
  const clauses = parseFilter(filter);
  return items.filter((i) => matchesFilter(i, clauses));
}

function contextUrl(call: GraphCall, set: string, select: readonly string[] | undefined, entityRead = false): string {
  return `${baseUrl(call.req.host)}/$metadata#${set}${select ? `(${select.join(',')})` : ''}${entityRead ? '/$entity' : ''}`;
}

function parseTop(query: URLSearchParams): number {
  const raw = query.get('$top') ?? query.get('top');
  if (raw === null) return DEFAULT_TOP;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new ODataError(`Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_TOP} inclusive.`);
  }
  return top;
}

/** Query key for skiptokens: the query without $skiptoken, so a token only continues the query it came from. */
function queryKey(path: string, query: URLSearchParams): string {
  const entries = [...query.entries()].filter(([k]) => k !== '$skiptoken' && k !== '$top').sort(([a], [b]) => a.localeCompare(b));
  return `${path.toLowerCase()}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

function nextLink(call: GraphCall, path: string, token: string): string {
  const parts: string[] = [];
  for (const [k, v] of call.req.query.entries()) {
    if (k === '$skiptoken') continue;
    parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  parts.push(`$skiptoken=${token}`);
  return `${baseUrl(call.req.host)}/${path}?${parts.join('&')}`;
}

function collection(call: GraphCall, set: string, items: readonly Record<string, unknown>[], select: readonly string[] | undefined): SimResponse {
  const query = call.req.query;
  const top = parseTop(query);
  const key = queryKey(set, query);
  const token = query.get('$skiptoken');
  const offset = token === null ? 0 : decodeSkipToken(token, key);
  const page = items.slice(offset, offset + top).map((i) => project(i, select));
  const body: Record<string, unknown> = { '@odata.context': contextUrl(call, set, select) };
  if (offset + top < items.length) body['@odata.nextLink'] = nextLink(call, call.segments.join('/'), encodeSkipToken(offset + top, key));
  body.value = page;
  return jsonResponse(200, body);
}

function entity(call: GraphCall, set: string, item: Record<string, unknown>, select: readonly string[] | undefined): SimResponse {
  return jsonResponse(200, { '@odata.context': contextUrl(call, set, select, true), ...project(item, select) });
}

// ---------------------------------------------------------------------------------------------------------- users

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

function singleUser(ctx: SimContext, call: GraphCall, user: GraphUser, select: readonly string[] | undefined): SimResponse {
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

// ---------------------------------------------------------------------------------------------------------- PIM

function hasEntraIdP2(ctx: SimContext): boolean {
  const explicit = ctx.state.fixture.tenant.entraIdP2;
  if (explicit !== undefined) return explicit;
  return ctx.state.fixture.subscribedSkus.some(
    (s) => s.capabilityStatus === 'Enabled' && s.servicePlans.some((p) => p.servicePlanId === AAD_PREMIUM_P2_PLAN_ID),
  );
}

/**
 * GET /roleManagement/directory/roleEligibilityScheduleInstances[?$filter=principalId eq '…'] and
 * …/filterByCurrentUser(on='principal') (the signed-in principal's own; its docs page names no role requirement).
 * Missing scope → 403 whose message carries PIM's own error (PermissionScopeNotGranted), as recorded in public PIM
 * clients' tests; for the list, a signed-in user without a supported role → 403 Authorization_RequestDenied; tenant
 * without Entra ID P2 → 400 AadPremiumLicenseRequired "The tenant needs to have Microsoft Entra ID P2 or Microsoft
 * Entra ID Governance license." (recorded in maester365/maester#1421).
 */
function roleEligibilityInstances(ctx: SimContext, call: GraphCall, select: readonly string[] | undefined, ownOnly: boolean): SimResponse {
  if (!ctx.scopes.hasGraph(PIM_ELIGIBILITY_SCOPES)) {
    const inner = JSON.stringify({
      errorCode: 'PermissionScopeNotGranted',
      message: `Authorization failed due to missing permission scope ${PIM_ELIGIBILITY_SCOPES.join(',')}.`,
    });
    return graphError(403, 'UnknownError', inner);
  }
  const state = ctx.state;
  if (!ownOnly && !state.rolesOf(state.fixture.signedInUserId).some((r) => PIM_READER_ROLE_TEMPLATES.has(r.roleTemplateId))) {
    return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  if (!hasEntraIdP2(ctx)) {
    return graphError(400, 'AadPremiumLicenseRequired', 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.');
  }
  const instances = (state.fixture.roleEligibilityScheduleInstances ?? [])
    .filter((i) => !ownOnly || i.principalId === state.fixture.signedInUserId)
    .map((i) => ({ appScopeId: null, endDateTime: null, memberType: 'Direct', ...i }));
  return collection(call, 'roleManagement/directory/roleEligibilityScheduleInstances', filtered(instances, call.req.query), select);
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

/** Indices of matching users, computed once per distinct filter and cached (users never change). */
function userIndices(ctx: SimContext, q: UserQuery): Uint32Array | undefined {
  if (q.clauses.length === 0) return undefined;
  const cached = ctx.state.userQueryCache.get(q.key);
  if (cached) return cached;
  const users = ctx.state.users;
  const hits: number[] = [];
  for (let i = 0; i < users.length; i++) {
    const u = users[i];
    if (u && matchesFilter(u, q.clauses)) hits.push(i);
  }
  const result = Uint32Array.from(hits);
  if (ctx.state.userQueryCache.size > 64) ctx.state.userQueryCache.clear();
  ctx.state.userQueryCache.set(q.key, result);
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

function listUsers(ctx: SimContext, call: GraphCall, select: readonly string[] | undefined): SimResponse {
  const query = call.req.query;
  const props = select ? select.map(canonicalUserProp) : DEFAULT_USER_PROPS;
  if (props.includes('mySite')) {
    throw new ODataError("mySite can be selected only when reading a single user (GET /users/{id}?$select=mySite).");
  }
  const top = parseTop(query);
  const q = parseUserQuery(query);
  const countRequested = (query.get('$count') ?? '').toLowerCase() === 'true';
  if (q.advanced) requireAdvanced(call.req, true);
  else if (countRequested) requireAdvanced(call.req, false);

  const indices = userIndices(ctx, q);
  const users = ctx.state.users;
  const total = indices ? indices.length : users.length;
  const key = queryKey('users', query);
  const token = query.get('$skiptoken');
  const offset = token === null ? 0 : decodeSkipToken(token, key);
  const end = Math.min(total, offset + top);
  const value: Record<string, unknown>[] = new Array<Record<string, unknown>>(Math.max(0, end - offset));
  for (let i = offset; i < end; i++) {
    const u = users[indices ? (indices[i] ?? 0) : i];
    if (u) value[i - offset] = projectUser(u, props);
  }
  const body: Record<string, unknown> = { '@odata.context': contextUrl(call, 'users', select) };
  if (countRequested) body['@odata.count'] = total;
  if (end < total) body['@odata.nextLink'] = nextLink(call, 'users', encodeSkipToken(end, key));
  body.value = value;
  return jsonResponse(200, body);
}

function countUsers(ctx: SimContext, call: GraphCall): SimResponse {
  requireAdvanced(call.req, false);
  const q = parseUserQuery(call.req.query);
  const indices = userIndices(ctx, q);
  return textResponse(200, String(indices ? indices.length : ctx.state.users.length), 'text/plain');
}

// ---------------------------------------------------------------------------------------------------------- $batch

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

async function handleBatch(ctx: SimContext, req: SimRequest): Promise<SimResponse> {
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
  let body = r.body;
  // Plain-text answers ($count) travel as JSON numbers inside a batch, so clients can parse every body as JSON.
  if (typeof body === 'string' && (r.headers['Content-Type'] ?? '').startsWith('text/plain') && /^\d+$/.test(body)) body = Number(body);
  return { id, status: r.status, headers: { ...r.headers }, body };
}
