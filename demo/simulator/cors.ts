/**
 * CORS as the real hosts answer it: SharePoint hosts allow the headers SharePoint clients send (and expose
 * Retry-After); Microsoft Graph allows what a preflight asks for but does not expose Retry-After.
 */
import type * as http from 'node:http';

const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'ConsistencyLevel',
  'Accept',
  'X-RequestDigest',
  'X-ClientService-ClientTag',
  'odata-version',
  'If-Match',
  'X-HTTP-Method',
  'SdkVersion',
  'client-request-id',
  'X-PnPjs-NoDigest',
];

const EXPOSE_HEADERS = ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'request-id', 'client-request-id', 'SPRequestGuid'];

/**
 * What Microsoft Graph exposes to browsers. Retry-After is NOT among them (recorded: microsoftgraph/microsoft-graph-docs
 * #17488 / microsoft-graph-docs-contrib#2011, closed unresolved), so a browser client cannot read it on a 429.
 */
const GRAPH_EXPOSE_HEADERS = [
  'ETag',
  'Location',
  'Preference-Applied',
  'Content-Range',
  'request-id',
  'client-request-id',
  'ReadWriteConsistencyToken',
  'SdkVersion',
  'WWW-Authenticate',
  'x-ms-client-gcc-tenant',
];

function requestedHeaders(req: http.IncomingMessage): string | undefined {
  const requested = req.headers['access-control-request-headers'];
  return typeof requested === 'string' && requested.trim() !== '' ? requested : undefined;
}

/** SharePoint hosts (hosting site, admin host in "ok" mode, my host). */
export function sharePointCors(req: http.IncomingMessage): Record<string, string> {
  const requested = requestedHeaders(req);
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, MERGE, OPTIONS',
    'Access-Control-Allow-Headers': requested ? `${ALLOW_HEADERS.join(', ')}, ${requested}` : ALLOW_HEADERS.join(', '),
    'Access-Control-Expose-Headers': EXPOSE_HEADERS.join(', '),
    'Access-Control-Max-Age': '600',
  };
}

/** Graph: any origin (bearer tokens, no credentials); preflights allow what they ask for. */
export function graphCors(req: http.IncomingMessage): Record<string, string> {
  const requested = requestedHeaders(req);
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': requested ?? 'Authorization, Content-Type, ConsistencyLevel, Accept, SdkVersion, client-request-id',
    'Access-Control-Expose-Headers': GRAPH_EXPOSE_HEADERS.join(', '),
    'Access-Control-Max-Age': '3600',
  };
}
