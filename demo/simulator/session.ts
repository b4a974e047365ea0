/**
 * How a request is authenticated: an Entra bearer token (any non-empty one: the simulator checks scopes, not
 * signatures) or the hosting site's SharePoint session cookie (FedAuth), which the preview page sets.
 */

/** SharePoint's authentication cookie for the hosting site. */
export const SESSION_COOKIE_NAME = 'FedAuth';

/** The session value every simulator accepts (there is one signed-in user). */
export const SESSION_COOKIE_VALUE = '77u/PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0idXRmLTgiPz48U1A+ZGVtby10ZW5hbnQtc2ltdWxhdG9yPC9TUD4=';

/** `Set-Cookie` value the preview page sends: HttpOnly, SameSite=Lax, for the whole hosting-site origin. */
export const SESSION_SET_COOKIE = `${SESSION_COOKIE_NAME}=${SESSION_COOKIE_VALUE}; Path=/; HttpOnly; SameSite=Lax`;

export function hasBearer(headers: Readonly<Record<string, string>>): boolean {
  const m = /^Bearer\s+(\S.*)$/i.exec(headers.authorization ?? '');
  return m !== null && (m[1] ?? '').trim() !== '';
}

export function hasSessionCookie(headers: Readonly<Record<string, string>>): boolean {
  return (headers.cookie ?? '').split(';').some((c) => {
    const eq = c.indexOf('=');
    return eq > 0 && c.slice(0, eq).trim() === SESSION_COOKIE_NAME && c.slice(eq + 1).trim() === SESSION_COOKIE_VALUE;
  });
}
