/**
 * SharePoint routes: contextinfo, web, current user, generic in-memory lists and CreatePersonalSiteEnqueueBulk on every
 * known site; on the tenant admin site (/sp-admin) also the CSOM personal-site enumeration. Paths are case-insensitive;
 * the part before /_api/ or /_vti_bin/ chooses the site. Every answer carries SPRequestGuid (= CSOM's
 * TraceCorrelationId). Requests authorised by the hosting site's cookie session must carry a valid X-RequestDigest on
 * writes, as SharePoint requires of cookie-authenticated POSTs.
 *
 * This file holds the pipeline (faults, rate limit, digest, admin checks), the route table and contextinfo; the rest is
 * in sharePointPaths.ts (which site a path addresses), sharePointLists.ts, sharePointEnqueue.ts, csom.ts (the admin
 * enumeration), myHost.ts, sharePointChallenges.ts (401 answers) and sharePointBodies.ts (answer shapes).
 */
import { randomUUID } from 'node:crypto';
import { SHAREPOINT_ADMIN_SCOPES, type SimContext } from './context';
import { csomAccessDenied, handleProcessQuery } from './csom';
import type { FaultDecision } from './faults';
import { jsonResponse, spAccessDenied, spError, spErrorBody, SP_ACCESS_DENIED, type SimRequest, type SimResponse } from './http';
import { ODataError, parseSelect, project } from './odata';
import { absoluteSiteUrl, entityBody, isVerbose, notSimulated } from './sharePointBodies';
import { noSharePointScope } from './sharePointChallenges';
import { ENQUEUE_PATH, enqueueBulk } from './sharePointEnqueue';
import { listsRoute } from './sharePointLists';
import type { SharePointTarget } from './sharePointPaths';
import { SITE } from './state';

/** How the request was authorised: an Entra bearer token, or the hosting site's cookie session (FedAuth). */
export type SharePointAuth = 'bearer' | 'cookie';

/** SharePoint's answer to a cookie-authenticated write without a valid X-RequestDigest (recorded in vgrem/phpSPO#61). */
export const SP_SECURITY_VALIDATION = {
  code: '-2130575251, Microsoft.SharePoint.SPException',
  message: "The security validation for this page is invalid and might be corrupted. Please use your web browser's Back button to try your operation again.",
} as const;

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
  if (decision && !(decision.kind === 'status' && decision.afterProcessing === true)) {
    response = faultResponse(decision);
  } else {
    try {
      response = route(ctx, req, target, auth, correlationId);
    } catch (e) {
      if (e instanceof ODataError) response = spError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', e.message);
      else throw e;
    }
    // afterProcessing: the request did its work (sites enqueued, an item written), and the client is told it failed.
    if (decision) response = faultResponse(decision);
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
      return admin ? handleProcessQuery(state, req.bodyText, correlationId, ctx.paging) : csomAccessDenied(correlationId);
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
  const lists = listsRoute(ctx, req, target, rest, method);
  if (lists) return lists;
  return notSimulated(req, target);
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
