/**
 * Graph's application objects the connector checks read: service principals (by id, by appId, listed with $filter),
 * the app role assignments to one (who is assigned the app) and the delegated permission grants (consent).
 */
import type { SimContext } from './context';
import { collection, entity, filtered, notFound, type GraphCall } from './graphCall';
import type { SimResponse } from './http';

/**
 * GET /servicePrincipals[?$filter=…], /servicePrincipals/{id}, /servicePrincipals(appId='…') and their
 * /appRoleAssignedTo. undefined when the path is none of these (the caller answers 501).
 */
export function servicePrincipalsRoute(ctx: SimContext, call: GraphCall, select: readonly string[] | undefined): SimResponse | undefined {
  const { req, segments } = call;
  const lower = segments.map((s) => s.toLowerCase());
  const state = ctx.state;
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
  return undefined;
}

/** GET /oauth2PermissionGrants[?$filter=…]: delegated permission grants (tenant-wide and per user). */
export function oauth2PermissionGrants(ctx: SimContext, call: GraphCall, select: readonly string[] | undefined): SimResponse {
  const state = ctx.state;
  const maxPageSize = state.fixture.simulation?.pageSizes?.oauth2PermissionGrants;
  return collection(call, 'oauth2PermissionGrants', filtered(state.fixture.oauth2PermissionGrants, call.req.query), select, {
    engine: ctx.paging,
    collection: 'oauth2PermissionGrants',
    ...(maxPageSize !== undefined ? { maxPageSize } : {}),
  });
}
