import { SPQueryable, type ISPQueryable, type SPFI } from '@pnp/sp';
import '@pnp/sp/webs';

/** A queryable for a path on the admin host (outside /_api/web), with the root's behaviours (token, retry). */
export function adminQueryable(admin: SPFI, adminUrl: string, path: string): ISPQueryable {
  return SPQueryable([admin.web, `${adminUrl.replace(/\/$/, '')}/${path}`]);
}
