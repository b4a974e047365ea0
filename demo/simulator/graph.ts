/**
 * Microsoft Graph v1.0 routes the product's adapters call, answered from the fixture in Graph's own shapes.
 * Entry points: handleGraph (one HTTP request under /graph/v1.0) — which runs $batch items through the same pipeline.
 * This file holds the pipeline (faults, rate limit, scopes) and the route table; the answers are in graphUsers.ts
 * (users, /me, mySite), graphApplications.ts (service principals, grants), graphPim.ts (role eligibility),
 * graphBatch.ts ($batch) and graphCall.ts (paging, entities, $filter shared by all).
 */
import { randomUUID } from 'node:crypto';
import type { SimContext } from './context';
import type { FaultDecision } from './faults';
import { oauth2PermissionGrants, servicePrincipalsRoute } from './graphApplications';
import { handleBatch } from './graphBatch';
import {
  collection,
  decodeSegments,
  filtered,
  GRAPH_PREFIX,
  notFound,
  rejectUnsupportedOptions,
  splitUrl,
  type GraphCall,
} from './graphCall';
import { roleEligibilityInstances } from './graphPim';
import { countUsers, listUsers, singleUser } from './graphUsers';
import { graphError, type SimRequest, type SimResponse } from './http';
import { ODataError, parseSelect } from './odata';

export { GRAPH_PREFIX };

/** Delegated scopes (any of) per first path segment. Higher-privileged members of the same family are accepted too. */
const REQUIRED_SCOPES: Record<string, readonly string[]> = {
  me: ['User.Read', 'User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  organization: ['User.Read', 'Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  subscribedskus: ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  serviceprincipals: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  oauth2permissiongrants: ['Directory.Read.All', 'Directory.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'],
};

const COLLECTION_SEGMENTS = new Set([
  'users', 'serviceprincipals', 'oauth2permissiongrants', 'subscribedskus', 'organization', 'approleassignedto',
  'microsoft.graph.directoryrole',
]);

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
    return handleBatch(ctx, req, runGraphCall);
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
  if (decision && !(decision.kind === 'status' && decision.afterProcessing === true)) {
    response = faultResponse(decision);
  } else {
    try {
      response = route(ctx, call);
    } catch (e) {
      if (e instanceof ODataError) response = graphError(400, e.code, e.message);
      else throw e;
    }
    // afterProcessing: the request did its work, and the client is told it failed.
    if (decision) response = faultResponse(decision);
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
    const answer = servicePrincipalsRoute(ctx, call, select);
    if (answer) return answer;
  }
  if (lower.length === 1 && first === 'oauth2permissiongrants') return oauth2PermissionGrants(ctx, call, select);
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
