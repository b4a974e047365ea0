/** Which SharePoint site and API a request path addresses: /sp, /sp/sites/migration or /sp-admin, then /_api or /_vti_bin. */
import { SITE } from './state';

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
