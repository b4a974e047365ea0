/** The my host (personal sites): the signed-in user's own personal site web; other users' sites answer 403. */
import { SHAREPOINT_ADMIN_SCOPES, type SimContext } from './context';
import { jsonResponse, spAccessDenied, spError, type SimRequest, type SimResponse } from './http';
import { parseSelect, project } from './odata';
import { entityBody } from './sharePointBodies';
import { noSharePointScope } from './sharePointChallenges';

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
