/**
 * CSOM `/_vti_bin/client.svc/ProcessQuery` on the admin site: just enough for the tenant-wide personal-site enumeration
 * CLI for Microsoft 365 (`onedrive list`) sends — a GetSitePropertiesFromSharePointByFilters method call with
 * IncludePersonalSite, StartIndex and Template — answered as CSOM does: a JSON array whose first element carries ErrorInfo
 * (errors come back with HTTP 200) and whose last element is the SPOSitePropertiesEnumerable page.
 */
import { randomUUID } from 'node:crypto';
import { jsonResponse, type SimResponse } from './http';
import type { SimulatorState } from './state';

const DEFAULT_PAGE_SIZE = 300;

export interface CsomProperty {
  type: string;
  /** undefined for Type="Null". */
  value: string | undefined;
}

function xmlDecode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** `<Property Name="StartIndex" Type="String">300</Property>` or `<Property Name="StartIndex" Type="Null" />`. */
export function parseCsomProperties(xml: string): Map<string, CsomProperty> {
  const props = new Map<string, CsomProperty>();
  const re = /<Property\s+Name\s*=\s*"([^"]+)"\s+Type\s*=\s*"([^"]+)"\s*(?:\/>|>([\s\S]*?)<\/Property>)/gi;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const type = m[2] ?? '';
    props.set(m[1] ?? '', { type, value: type.toLowerCase() === 'null' || m[3] === undefined ? undefined : xmlDecode(m[3]) });
  }
  return props;
}

function header(errorInfo: Record<string, unknown> | null): Record<string, unknown> {
  return { SchemaVersion: '15.0.0.0', LibraryVersion: '16.0.0.0', ErrorInfo: errorInfo, TraceCorrelationId: randomUUID() };
}

/** A CSOM error: HTTP 200, `[ { ..., ErrorInfo: { ErrorMessage, ErrorCode, ErrorTypeName } } ]`. */
export function csomError(message: string, code: number, typeName: string): SimResponse {
  const traceId = randomUUID();
  return jsonResponse(200, [
    header({ ErrorMessage: message, ErrorValue: null, TraceCorrelationId: traceId, ErrorCode: code, ErrorTypeName: typeName }),
  ]);
}

export function csomAccessDenied(): SimResponse {
  return csomError(
    'Access denied. You do not have permission to perform this action or access this resource.',
    -2147024891,
    'System.UnauthorizedAccessException',
  );
}

/** Action ids in request order: ObjectPath actions answer `{ IsNull: false }`, the Query action answers the result. */
function actionIds(xml: string): { objectPaths: number[]; query: number | undefined } {
  const actions = /<Actions>([\s\S]*?)<\/Actions>/i.exec(xml)?.[1] ?? '';
  const objectPaths: number[] = [];
  let query: number | undefined;
  const re = /<(ObjectPath|Query)\s+Id\s*=\s*"(\d+)"/gi;
  for (let m = re.exec(actions); m; m = re.exec(actions)) {
    if ((m[1] ?? '').toLowerCase() === 'objectpath') objectPaths.push(Number(m[2]));
    else if (query === undefined) query = Number(m[2]);
  }
  return { objectPaths, query };
}

function msDate(ms: number): string {
  return `/Date(${ms})/`;
}

export function handleProcessQuery(state: SimulatorState, xml: string): SimResponse {
  if (!/GetSitePropertiesFromSharePointByFilters/i.test(xml)) {
    return csomError(
      'The demo tenant simulator answers only GetSitePropertiesFromSharePointByFilters through ProcessQuery.',
      -1,
      'Microsoft.SharePoint.Client.InvalidClientQueryException',
    );
  }
  const props = parseCsomProperties(xml);
  const includePersonal = (props.get('IncludePersonalSite')?.value ?? '0').trim() === '1';
  const template = (props.get('Template')?.value ?? '').trim();
  const startRaw = (props.get('StartIndex')?.value ?? '').trim();
  const start = startRaw === '' ? 0 : Number(startRaw);
  if (!Number.isInteger(start) || start < 0) {
    return csomError(`The StartIndex '${startRaw}' is not valid.`, -2147024809, 'System.ArgumentException');
  }
  const pageSize = state.fixture.simulation?.pageSizes?.personalSites ?? DEFAULT_PAGE_SIZE;

  const host = state.fixture.tenant.sharePointHost;
  const personalOnly = template.toUpperCase().startsWith('SPSPERS');
  const sites: Array<{ Url: string; Owner: string; Template: string; Title: string }> = [];
  if (!personalOnly) {
    sites.push({ Url: `https://${host}.sharepoint.com/`, Owner: '', Template: 'SITEPAGEPUBLISHING#0', Title: 'Communication site' });
    sites.push({ Url: `https://${host}.sharepoint.com/sites/migration`, Owner: '', Template: 'SITEPAGEPUBLISHING#0', Title: 'Migration' });
  }
  const personalTotal = includePersonal ? state.personalSites.length : 0;
  const total = sites.length + personalTotal;
  const end = Math.min(total, start + pageSize);
  const items: Record<string, unknown>[] = [];
  for (let i = start; i < end; i++) {
    const s = i < sites.length ? sites[i] : undefined;
    if (s) {
      items.push({ _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties', ...s, Status: 'Active' });
      continue;
    }
    const p = state.personalSites[i - sites.length];
    if (!p) continue;
    items.push({
      _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties',
      Url: p.url,
      Owner: p.owner,
      Template: 'SPSPERS#10',
      Title: p.title,
      Status: 'Active',
      LastContentModifiedDate: msDate(p.provisionedAt ?? Date.UTC(2024, 0, 15)),
    });
  }
  const result = {
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SPOSitePropertiesEnumerable',
    NextStartIndex: -1,
    NextStartIndexFromSharePoint: end < total ? String(end) : null,
    _Child_Items_: items,
  };
  const ids = actionIds(xml);
  const out: unknown[] = [header(null)];
  const objectPaths = ids.objectPaths.length > 0 || ids.query !== undefined ? ids.objectPaths : [2];
  for (const id of objectPaths) out.push(id, { IsNull: false });
  out.push(ids.query ?? 4, result);
  return jsonResponse(200, out);
}
