/**
 * SharePoint REST answer shapes shared by the routes: verbose (`odata=verbose`: `{ d: … }`) or minimal metadata, the
 * site's absolute URL, JSON request bodies (`__metadata` dropped) and the 501 for what the simulator does not answer.
 */
import { isRecord, parseJsonBody, spError, type SimRequest, type SimResponse } from './http';
import type { SharePointTarget } from './sharePointPaths';

export function isVerbose(req: SimRequest): boolean {
  return /odata=verbose/i.test(req.headers.accept ?? '');
}

export function absoluteSiteUrl(req: SimRequest, site: string): string {
  return `http://${req.host}${site}`;
}

export function entityBody(req: SimRequest, type: string, props: Record<string, unknown>): unknown {
  return isVerbose(req) ? { d: { __metadata: { type }, ...props } } : props;
}

export function collectionBody(req: SimRequest, type: string, items: readonly Record<string, unknown>[]): unknown {
  return isVerbose(req) ? { d: { results: items.map((i) => ({ __metadata: { type }, ...i })) } } : { value: items };
}

export function readBody(req: SimRequest): Record<string, unknown> | SimResponse {
  const body = parseJsonBody(req);
  if (body instanceof Error) return spError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `Invalid JSON. ${body.message}`);
  if (body === undefined) return {};
  if (!isRecord(body)) return spError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', 'The request body must be a JSON object.');
  const { __metadata: _ignored, ...rest } = body;
  void _ignored;
  return rest;
}

export function isResponse(v: Record<string, unknown> | SimResponse): v is SimResponse {
  return typeof (v as SimResponse).status === 'number' && isRecord((v as SimResponse).headers);
}

export function notSimulated(req: SimRequest, target: SharePointTarget): SimResponse {
  return spError(
    501,
    '-1, System.NotImplementedException',
    `The demo tenant simulator does not answer ${req.method} ${target.site}/${target.kind}/${target.rest}.`,
  );
}
