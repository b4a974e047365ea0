/**
 * SharePoint routes: contextinfo, web, current user, generic in-memory lists and CreatePersonalSiteEnqueueBulk on every
 * known site; on the tenant admin site (/sp-admin) also the CSOM personal-site enumeration. Paths are case-insensitive;
 * the part before /_api/ or /_vti_bin/ chooses the site. Every answer carries SPRequestGuid (= CSOM's
 * TraceCorrelationId). Requests authorised by the hosting site's cookie session must carry a valid X-RequestDigest on
 * writes, as SharePoint requires of cookie-authenticated POSTs.
 */
import { randomUUID } from 'node:crypto';
import { SHAREPOINT_ADMIN_SCOPES, type SimContext } from './context';
import { csomAccessDenied, handleProcessQuery } from './csom';
import type { FaultDecision } from './faults';
import {
  isRecord,
  jsonResponse,
  parseJsonBody,
  spAccessDenied,
  spError,
  spErrorBody,
  SP_ACCESS_DENIED,
  type SimRequest,
  type SimResponse,
} from './http';
import { matchesFilter, ODataError, parseFilter, parseSelect, project } from './odata';
import { SITE, type SimList } from './state';

/** How the request was authorised: an Entra bearer token, or the hosting site's cookie session (FedAuth). */
export type SharePointAuth = 'bearer' | 'cookie';

/** SharePoint's answer to a cookie-authenticated write without a valid X-RequestDigest (recorded in vgrem/phpSPO#61). */
export const SP_SECURITY_VALIDATION = {
  code: '-2130575251, Microsoft.SharePoint.SPException',
  message: "The security validation for this page is invalid and might be corrupted. Please use your web browser's Back button to try your operation again.",
} as const;

export interface SharePointTarget {
  /** Canonical site key, e.g. "/sp/sites/migration". */
  site: string;
  kind: '_api' | '_vti_bin';
  /** Path after /_api/ or /_vti_bin/, percent-decoded. */
  rest: string;
}

const KNOWN_SITES: readonly string[] = [SITE.root, SITE.hosting, SITE.admin];

/** Splits `/sp/sites/migration/_api/web/lists` into site + rest. undefined when the path is not a SharePoint API path. */
export function parseSharePointPath(path: string): SharePointTarget | { unknownSite: string } | undefined {
  const m = /^(.*?)\/(_api|_vti_bin)(?:\/(.*))?$/i.exec(path);
  if (!m) return undefined;
  const prefix = (m[1] ?? '').replace(/\/+$/, '');
  let decodedPrefix = prefix;
  try {
    decodedPrefix = decodeURIComponent(prefix);
  } catch {
    // keep as received
  }
  const lower = decodedPrefix.toLowerCase();
  if (!lower.startsWith('/sp')) return undefined;
  const site = KNOWN_SITES.find((s) => s === lower);
  if (!site) return { unknownSite: decodedPrefix };
  let rest = m[3] ?? '';
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // keep as received
  }
  return { site, kind: (m[2] ?? '').toLowerCase() === '_api' ? '_api' : '_vti_bin', rest };
}

function isVerbose(req: SimRequest): boolean {
  return /odata=verbose/i.test(req.headers.accept ?? '');
}

function absoluteSiteUrl(req: SimRequest, site: string): string {
  return `http://${req.host}${site}`;
}

function entityBody(req: SimRequest, type: string, props: Record<string, unknown>): unknown {
  return isVerbose(req) ? { d: { __metadata: { type }, ...props } } : props;
}

function collectionBody(req: SimRequest, type: string, items: readonly Record<string, unknown>[]): unknown {
  return isVerbose(req) ? { d: { results: items.map((i) => ({ __metadata: { type }, ...i })) } } : { value: items };
}

const SP_FAULTS: Record<number, [string, string]> = {
  401: [SP_ACCESS_DENIED.code, SP_ACCESS_DENIED.message],
  403: [SP_ACCESS_DENIED.code, SP_ACCESS_DENIED.message],
  404: ['-2147024894, System.IO.FileNotFoundException', 'File Not Found.'],
  429: ['-2147024860, Microsoft.SharePoint.SPRequestThrottledException', 'The request has been throttled. Retry after the time given in the Retry-After header.'],
  500: ['-2146232832, Microsoft.SharePoint.SPException', 'An unexpected error has occurred.'],
  502: ['-1, System.Net.WebException', 'Bad gateway.'],
  503: ['-2147024860, Microsoft.SharePoint.SPServerTooBusyException', 'The server is busy. Retry after the time given in the Retry-After header.'],
  504: ['-2147023436, System.TimeoutException', 'The operation has timed out.'],
  507: ['-2147024784, Microsoft.SharePoint.SPQuotaExceededException', 'The site has exceeded its maximum file storage limit.'],
};

function faultResponse(decision: FaultDecision): SimResponse {
  if (decision.kind === 'access-denied-200') return jsonResponse(200, spErrorBody(SP_ACCESS_DENIED.code, SP_ACCESS_DENIED.message));
  const [code, message] = SP_FAULTS[decision.status] ?? ['-1, System.Exception', 'Simulated failure.'];
  const headers: Record<string, string> = {};
  if (decision.retryAfterSeconds !== undefined) headers['Retry-After'] = String(decision.retryAfterSeconds);
  const detail = decision.reason === 'retry-after-not-honoured' ? ' (the previous Retry-After had not elapsed)' : '';
  return spError(decision.status, code, message + detail, headers);
}

/**
 * SharePoint Online's bearer challenge, as recorded (e.g. microsoft/FluidFramework's parseAuthErrorTenant tests and
 * captured `_vti_bin/client.svc` answers): realm = tenant id, client_id = SharePoint's app id, trusted issuers, the
 * authorization URI.
 */
export function spBearerChallenge(tenantId: string): string {
  return (
    `Bearer realm="${tenantId}",client_id="00000003-0000-0ff1-ce00-000000000000",` +
    'trusted_issuers="00000001-0000-0000-c000-000000000000@*,D3776938-3DBA-481F-A652-4BEDFCAB7CD8@*,https://sts.windows.net/*/,' +
    '00000003-0000-0ff1-ce00-000000000000@90140122-8516-11e1-8eff-49304924019b",' +
    'authorization_uri="https://login.windows.net/common/oauth2/authorize"'
  );
}

/**
 * sharePoint.adminHost "unauthorized": the admin host refuses the token, as SharePoint answers a token it does not
 * accept: 401, the bearer challenge, `x-ms-diagnostics` and `{ "error_description": "Invalid issuer or signature." }`
 * (the body recorded in SharePoint/sp-dev-docs#5889 and pnp/pnpjs#1407; the diagnostics header in sp-dev-docs#7152).
 */
export function adminHostUnauthorized(tenantId: string): SimResponse {
  return {
    status: 401,
    headers: {
      'Content-Type': 'application/json',
      'WWW-Authenticate': spBearerChallenge(tenantId),
      'x-ms-diagnostics': '3000006;reason="Token contains invalid signature.";category="invalid_client"',
    },
    body: { error_description: 'Invalid issuer or signature.' },
  };
}

/** 401 as SharePoint answers a token that is not valid for it (no SharePoint scope approved → wrong audience). */
function noSharePointScope(ctx: SimContext): SimResponse {
  return {
    status: 401,
    headers: {
      'Content-Type': 'application/json',
      'WWW-Authenticate': spBearerChallenge(ctx.state.fixture.tenant.id),
      'x-ms-diagnostics': `3000003;reason="Invalid audience Uri. The token has no SharePoint scope (${SHAREPOINT_ADMIN_SCOPES.join(' or ')}) approved.";category="invalid_client"`,
    },
    body: { error_description: "Exception of type 'Microsoft.IdentityModel.Tokens.AudienceUriValidationFailedException' was thrown." },
  };
}

export async function handleSharePoint(
  ctx: SimContext,
  req: SimRequest,
  target: SharePointTarget,
  auth: SharePointAuth = 'bearer',
  correlationId: string = randomUUID(),
): Promise<SimResponse> {
  const q = req.url.indexOf('?');
  const relativeUrl = `/${target.kind}/${target.rest}${q >= 0 ? req.url.slice(q) : ''}`;
  const decision = ctx.faults.evaluate({
    api: 'sharepoint',
    method: req.method,
    relativeUrl,
    fullUrl: req.url,
    workload: `site:${target.site}`,
    cost: 1,
  });
  let response: SimResponse;
  if (decision) {
    response = faultResponse(decision);
  } else {
    try {
      response = route(ctx, req, target, auth, correlationId);
    } catch (e) {
      if (e instanceof ODataError) response = spError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', e.message);
      else throw e;
    }
  }
  Object.assign(response.headers, ctx.faults.rateLimitHeaders('sharepoint'));
  response.headers.SPRequestGuid = correlationId;
  response.headers['request-id'] = correlationId;
  return response;
}

function httpMethodOf(req: SimRequest): string {
  const override = req.headers['x-http-method'];
  return req.method === 'POST' && override ? override.toUpperCase() : req.method;
}

const ENQUEUE_PATH = 'sp.userprofiles.profileloader.getprofileloader/createpersonalsiteenqueuebulk';

function route(ctx: SimContext, req: SimRequest, target: SharePointTarget, auth: SharePointAuth, correlationId: string): SimResponse {
  const rest = target.rest.replace(/\/+$/, '');
  const lower = rest.toLowerCase();
  const method = httpMethodOf(req);
  const isAdminSite = target.site === SITE.admin;
  const state = ctx.state;

  // Cookie sessions: every write except contextinfo (which issues the digest) needs a valid X-RequestDigest.
  if (auth === 'cookie' && req.method !== 'GET' && req.method !== 'HEAD' && lower !== 'contextinfo') {
    if (!state.isValidFormDigest(req.headers['x-requestdigest'], ctx.now())) {
      return spError(403, SP_SECURITY_VALIDATION.code, SP_SECURITY_VALIDATION.message);
    }
  }

  if (isAdminSite) {
    if (!ctx.scopes.hasSharePoint(SHAREPOINT_ADMIN_SCOPES)) return noSharePointScope(ctx);
    const admin = state.isSharePointAdmin(state.fixture.signedInUserId);
    if (target.kind === '_vti_bin') {
      if (lower !== 'client.svc/processquery' || method !== 'POST') return notSimulated(req, target);
      return admin ? handleProcessQuery(state, req.bodyText, correlationId) : csomAccessDenied(correlationId);
    }
    if (!admin) return spAccessDenied(403);
  } else if (target.kind === '_vti_bin') {
    return notSimulated(req, target);
  }

  // The user profile service answers on any site; the caller must be a SharePoint (or Global) administrator.
  if (lower === ENQUEUE_PATH) {
    if (method !== 'POST') return notSimulated(req, target);
    if (!state.isSharePointAdmin(state.fixture.signedInUserId)) return spAccessDenied(403);
    return enqueueBulk(ctx, req, auth);
  }

  if (lower === 'contextinfo' && method === 'POST') return contextInfo(ctx, req, target);
  if (lower === 'web' && method === 'GET') {
    const title = target.site === SITE.hosting ? 'Migration' : target.site === SITE.admin ? 'SharePoint admin center' : state.fixture.tenant.displayName;
    const web = { Id: '8a3b9a3e-0b1c-4d1e-9f2a-000000000001', Title: title, Url: absoluteSiteUrl(req, target.site), ServerRelativeUrl: target.site };
    return jsonResponse(200, entityBody(req, 'SP.Web', project(web, parseSelect(req.query))));
  }
  if (lower === 'web/currentuser' && method === 'GET') {
    const u = state.signedInUser;
    const user = {
      Id: 7,
      Title: u.displayName,
      Email: u.mail ?? u.userPrincipalName,
      LoginName: `i:0#.f|membership|${u.userPrincipalName.toLowerCase()}`,
      UserPrincipalName: u.userPrincipalName,
      IsSiteAdmin: false,
    };
    return jsonResponse(200, entityBody(req, 'SP.User', project(user, parseSelect(req.query))));
  }
  if (lower === 'web/lists') {
    if (method === 'GET') {
      // $filter=Title eq '…' (the one filter SharePoint clients use to probe for a list without a 404).
      const titleFilter = /^\s*Title\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(req.query.get('$filter') ?? '');
      const wanted = titleFilter && titleFilter[1] !== undefined ? titleFilter[1].replace(/''/g, "'").toLowerCase() : undefined;
      const lists = [...state.listsOf(target.site).values()]
        .filter((l) => wanted === undefined || l.Title.toLowerCase() === wanted)
        .map((l) => listEntity(req, target, l));
      return jsonResponse(200, collectionBody(req, 'SP.List', lists.map((l) => project(l, parseSelect(req.query)))));
    }
    if (method === 'POST') return createList(ctx, req, target);
  }
  const byTitle = /^web\/lists\/getbytitle\('((?:[^']|'')*)'\)(?:\/(.*))?$/i.exec(rest);
  if (byTitle) {
    const title = (byTitle[1] ?? '').replace(/''/g, "'");
    const sub = (byTitle[2] ?? '').toLowerCase();
    const list = state.listsOf(target.site).get(title.toLowerCase());
    if (!list) {
      return spError(
        404,
        '-1, System.ArgumentException',
        `List '${title}' does not exist at site with URL '${absoluteSiteUrl(req, target.site)}'.`,
      );
    }
    return listRoute(ctx, req, target, list, sub, method);
  }
  return notSimulated(req, target);
}

function notSimulated(req: SimRequest, target: SharePointTarget): SimResponse {
  return spError(
    501,
    '-1, System.NotImplementedException',
    `The demo tenant simulator does not answer ${req.method} ${target.site}/${target.kind}/${target.rest}.`,
  );
}

const FORM_DIGEST_TIMEOUT_SECONDS = 1800;

function contextInfo(ctx: SimContext, req: SimRequest, target: SharePointTarget): SimResponse {
  const digest = ctx.state.issueFormDigest(ctx.now(), FORM_DIGEST_TIMEOUT_SECONDS);
  const siteUrl = absoluteSiteUrl(req, target.site);
  const info = {
    FormDigestTimeoutSeconds: FORM_DIGEST_TIMEOUT_SECONDS,
    FormDigestValue: digest,
    LibraryVersion: '16.0.0.0',
    SiteFullUrl: siteUrl,
    WebFullUrl: siteUrl,
  };
  if (isVerbose(req)) {
    return jsonResponse(200, {
      d: {
        GetContextWebInformation: {
          __metadata: { type: 'SP.ContextWebInformation' },
          ...info,
          SupportedSchemaVersions: { __metadata: { type: 'Collection(Edm.String)' }, results: ['14.0.0.0', '15.0.0.0'] },
        },
      },
    });
  }
  return jsonResponse(200, { ...info, SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'] });
}

function readBody(req: SimRequest): Record<string, unknown> | SimResponse {
  const body = parseJsonBody(req);
  if (body instanceof Error) return spError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `Invalid JSON. ${body.message}`);
  if (body === undefined) return {};
  if (!isRecord(body)) return spError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', 'The request body must be a JSON object.');
  const { __metadata: _ignored, ...rest } = body;
  void _ignored;
  return rest;
}

function isResponse(v: Record<string, unknown> | SimResponse): v is SimResponse {
  return typeof (v as SimResponse).status === 'number' && isRecord((v as SimResponse).headers);
}

function createList(ctx: SimContext, req: SimRequest, target: SharePointTarget): SimResponse {
  if (target.site === SITE.hosting && ctx.state.fixture.sharePoint.canCreateLists === false) return spAccessDenied(403);
  const body = readBody(req);
  if (isResponse(body)) return body;
  const title = typeof body.Title === 'string' ? body.Title.trim() : '';
  if (title === '') return spError(400, '-2147024809, System.ArgumentException', 'The list title must not be empty.');
  const lists = ctx.state.listsOf(target.site);
  if (lists.has(title.toLowerCase())) {
    return spError(
      500,
      '-2130575342, Microsoft.SharePoint.SPException',
      'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
    );
  }
  const list = ctx.state.newList(title, typeof body.BaseTemplate === 'number' ? body.BaseTemplate : 100, typeof body.Description === 'string' ? body.Description : '');
  lists.set(title.toLowerCase(), list);
  return jsonResponse(201, entityBody(req, 'SP.List', listEntity(req, target, list)));
}

function listEntity(req: SimRequest, target: SharePointTarget, l: SimList): Record<string, unknown> {
  const entityName = `${l.Title.replace(/[^A-Za-z0-9]/g, '')}List`;
  return {
    Id: l.Id,
    Title: l.Title,
    BaseTemplate: l.BaseTemplate,
    Description: l.Description,
    Created: l.Created,
    ItemCount: l.items.length,
    EntityTypeName: entityName,
    ListItemEntityTypeFullName: `SP.Data.${entityName}Item`,
    ParentWebUrl: target.site,
    DefaultViewUrl: `${absoluteSiteUrl(req, target.site)}/Lists/${encodeURIComponent(l.Title)}/AllItems.aspx`,
  };
}

function fieldEntity(f: SimList['fields'][number]): Record<string, unknown> {
  return { ...f.properties, Id: f.Id, Title: f.Title, InternalName: f.InternalName, StaticName: f.InternalName, FieldTypeKind: f.FieldTypeKind };
}

function listRoute(ctx: SimContext, req: SimRequest, target: SharePointTarget, list: SimList, sub: string, method: string): SimResponse {
  const select = parseSelect(req.query);
  if (sub === '') {
    if (method === 'GET') return jsonResponse(200, entityBody(req, 'SP.List', project(listEntity(req, target, list), select)));
    if (method === 'MERGE' || method === 'PATCH') {
      const body = readBody(req);
      if (isResponse(body)) return body;
      if (typeof body.Description === 'string') list.Description = body.Description;
      return { status: 204, headers: {} };
    }
  }
  if (sub === 'fields') {
    if (method === 'GET') return jsonResponse(200, collectionBody(req, 'SP.Field', list.fields.map(fieldEntity).map((f) => project(f, select))));
    if (method === 'POST') {
      const body = readBody(req);
      if (isResponse(body)) return body;
      const title = typeof body.Title === 'string' ? body.Title.trim() : '';
      if (title === '') return spError(400, '-2147024809, System.ArgumentException', 'The field title must not be empty.');
      if (list.fields.some((f) => f.Title.toLowerCase() === title.toLowerCase())) {
        return spError(500, '-2130575245, Microsoft.SharePoint.SPException', `A duplicate field name "${title}" was found.`);
      }
      const { Title: _t, FieldTypeKind: kind, ...props } = body;
      void _t;
      const field = ctx.state.newField(title, typeof kind === 'number' ? kind : 2, props);
      list.fields.push(field);
      return jsonResponse(201, entityBody(req, 'SP.Field', fieldEntity(field)));
    }
  }
  if (sub === 'items') {
    if (method === 'GET') return listItems(req, list);
    if (method === 'POST') {
      const body = readBody(req);
      if (isResponse(body)) return body;
      const item = ctx.state.addItem(list, body);
      return jsonResponse(201, entityBody(req, `SP.Data.${list.Title.replace(/[^A-Za-z0-9]/g, '')}ListItem`, item));
    }
  }
  const itemById = /^items(?:\((\d+)\)|\/getbyid\((\d+)\))$/.exec(sub);
  if (itemById) {
    const id = Number(itemById[1] ?? itemById[2]);
    const index = list.items.findIndex((i) => i.Id === id);
    const item = list.items[index];
    if (index < 0 || !item) return spError(404, '-2147024809, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.');
    if (method === 'GET') return jsonResponse(200, entityBody(req, 'SP.ListItem', project(item, select)));
    if (method === 'MERGE' || method === 'PATCH') {
      const body = readBody(req);
      if (isResponse(body)) return body;
      for (const [k, v] of Object.entries(body)) if (k !== 'Id' && k !== 'ID') item[k] = v;
      item.Modified = new Date().toISOString();
      return { status: 204, headers: {} };
    }
    if (method === 'DELETE') {
      list.items.splice(index, 1);
      return { status: 200, headers: {} };
    }
  }
  return notSimulated(req, target);
}

function listItems(req: SimRequest, list: SimList): SimResponse {
  const query = req.query;
  let items = list.items;
  const filter = query.get('$filter');
  if (filter) {
    const clauses = parseFilter(filter);
    items = items.filter((i) => matchesFilter(i, clauses));
  }
  const orderBy = query.get('$orderby');
  if (orderBy) {
    const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(orderBy);
    if (!m) throw new ODataError(`Unsupported $orderby '${orderBy}'.`);
    const prop = (m[1] ?? 'Id').toLowerCase() === 'id' ? 'Id' : m[1] ?? 'Id';
    const dir = (m[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
    items = [...items].sort((a, b) => {
      const x = a[prop];
      const y = b[prop];
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
      return String(x ?? '').localeCompare(String(y ?? '')) * dir;
    });
  }
  const topRaw = query.get('$top');
  const top = topRaw === null ? 100 : Number(topRaw);
  if (!Number.isInteger(top) || top < 0 || top > 5000) throw new ODataError(`Invalid $top '${topRaw ?? ''}'.`);
  const select = parseSelect(query);
  const page = items.slice(0, top).map((i) => project(i, select));
  return jsonResponse(200, collectionBody(req, `SP.Data.${list.Title.replace(/[^A-Za-z0-9]/g, '')}ListItem`, page));
}

function enqueueBulk(ctx: SimContext, req: SimRequest, auth: SharePointAuth): SimResponse {
  const body = readBody(req);
  if (isResponse(body)) return body;
  const raw = body.emailIDs ?? body.emailIds;
  const list = isRecord(raw) && Array.isArray(raw.results) ? raw.results : raw;
  if (!Array.isArray(list) || !list.every((e): e is string => typeof e === 'string')) {
    return spError(400, '-2147024809, System.ArgumentException', 'emailIDs must be an array of strings.');
  }
  if (list.length > 200) {
    return spError(400, '-2147024809, System.ArgumentException', `The number of email addresses (${list.length}) exceeds the limit of 200.`);
  }
  const accepted = (): SimResponse => jsonResponse(200, isVerbose(req) ? { d: { CreatePersonalSiteEnqueueBulk: null } } : { 'odata.null': true });
  switch (ctx.state.fixture.sharePoint.enqueueBehaviour) {
    case 'forbidden':
      return spAccessDenied(403);
    case 'access-denied-200':
      return jsonResponse(200, spErrorBody(SP_ACCESS_DENIED.code, SP_ACCESS_DENIED.message));
    case 'ignored':
      // The call "succeeds" and nothing is ever created.
      return accepted();
    case 'bearer-refused':
      if (auth === 'bearer') return spAccessDenied(403);
      ctx.state.enqueue(list, ctx.now());
      return accepted();
    case 'ok':
      ctx.state.enqueue(list, ctx.now());
      return accepted();
  }
}

/**
 * The my host (personal sites, https://<host>-my.sharepoint.com): `GET /personal/<slug>/_api/web` of the signed-in
 * user's own site. Like the admin host it is another host than the page's, so it takes a bearer token for SharePoint
 * (a SharePoint scope must be approved). Other users' personal sites answer 403: an administrator is not a site
 * collection administrator of other users' OneDrives by default.
 */
export function handleMyHost(ctx: SimContext, req: SimRequest, slug: string, rest: string): SimResponse {
  if (!ctx.scopes.hasSharePoint(SHAREPOINT_ADMIN_SCOPES)) return noSharePointScope(ctx);
  const state = ctx.state;
  const suffix = `/personal/${slug}`;
  const site = state.personalSitesInDefaultGeo().find((s) => s.url.toLowerCase().replace(/\/+$/, '').endsWith(suffix));
  if (!site) return spError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
  if (site.owner.toLowerCase() !== state.signedInUser.userPrincipalName.toLowerCase()) return spAccessDenied(403);
  const path = rest.replace(/\/+$/, '').toLowerCase();
  if (path === 'web' && req.method === 'GET') {
    const web = { Id: '8a3b9a3e-0b1c-4d1e-9f2a-000000000002', Title: site.title, Url: site.url, ServerRelativeUrl: suffix };
    return jsonResponse(200, entityBody(req, 'SP.Web', project(web, parseSelect(req.query))));
  }
  return spError(501, '-1, System.NotImplementedException', `The demo tenant simulator does not answer ${req.method} ${suffix}/_api/${rest}.`);
}
