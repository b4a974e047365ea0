/**
 * The user profile service's CreatePersonalSiteEnqueueBulk (at most 200 addresses), answered by
 * `sharePoint.enqueueBehaviour`: ok, ignored (accepted, nothing created), forbidden, access-denied-200 or
 * bearer-refused (only a cookie session may enqueue). Accepted addresses are provisioned after the fixture's delay.
 */
import type { SimContext } from './context';
import { isRecord, jsonResponse, spAccessDenied, spError, spErrorBody, SP_ACCESS_DENIED, type SimRequest, type SimResponse } from './http';
import type { SharePointAuth } from './sharepoint';
import { isResponse, isVerbose, readBody } from './sharePointBodies';

export const ENQUEUE_PATH = 'sp.userprofiles.profileloader.getprofileloader/createpersonalsiteenqueuebulk';

export function enqueueBulk(ctx: SimContext, req: SimRequest, auth: SharePointAuth): SimResponse {
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
