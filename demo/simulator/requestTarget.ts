/**
 * What a request URL addresses: Graph (/graph/v1.0, /graph/$batch), a known SharePoint site, an unknown one, a
 * personal site on the my host, or nothing the simulator answers; and which origin role answers it.
 */
import { GRAPH_PREFIX } from './graphCall';
import { parseSharePointPath, type SharePointTarget } from './sharePointPaths';
import { SITE } from './state';

export type Role = 'site' | 'admin' | 'my' | 'graph';

export type Target =
  | { api: 'graph'; relativeUrl: string }
  | { api: 'sharepoint'; target: SharePointTarget }
  | { api: 'unknown-site'; site: string }
  | { api: 'my'; slug: string; rest: string }
  | { api: 'none' };

export function classify(url: string): Target {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const lower = path.toLowerCase();
  if (lower === '/graph/$batch' || lower === '/graph/%24batch') return { api: 'graph', relativeUrl: `/$batch${q < 0 ? '' : url.slice(q)}` };
  if (lower === GRAPH_PREFIX || lower.startsWith(`${GRAPH_PREFIX}/`)) return { api: 'graph', relativeUrl: url.slice(GRAPH_PREFIX.length) || '/' };
  const personal = /^\/personal\/([^/]+)\/_api(?:\/(.*))?$/i.exec(path);
  if (personal) return { api: 'my', slug: (personal[1] ?? '').toLowerCase(), rest: personal[2] ?? '' };
  const sp = parseSharePointPath(path);
  if (sp && 'unknownSite' in sp) return { api: 'unknown-site', site: sp.unknownSite };
  if (sp) return { api: 'sharepoint', target: sp };
  return { api: 'none' };
}

export function roleOf(target: Target): Role | undefined {
  switch (target.api) {
    case 'graph':
      return 'graph';
    case 'sharepoint':
      return target.target.site === SITE.admin ? 'admin' : 'site';
    case 'unknown-site':
      return target.site.toLowerCase().startsWith(SITE.admin) ? 'admin' : 'site';
    case 'my':
      return 'my';
    case 'none':
      return undefined;
  }
}
