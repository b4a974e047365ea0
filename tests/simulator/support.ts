/** Helpers for the simulator tests: start a simulator on a scenario (optionally changed), and small fetch wrappers. */
import * as path from 'node:path';
import { loadFixture, startSimulator, type RunningSimulator, type TenantFixture } from '../../demo/simulator';

export const SCENARIOS = path.resolve(__dirname, '..', '..', 'demo', 'scenarios');

export function scenario(name: string, change?: (f: TenantFixture) => void): TenantFixture {
  const f = loadFixture(path.join(SCENARIOS, `${name}.json`));
  change?.(f);
  return f;
}

export async function start(name: string, change?: (f: TenantFixture) => void, latencyMs?: number): Promise<RunningSimulator> {
  return startSimulator({ fixture: scenario(name, change), latencyMs });
}

export const AUTH = { Authorization: 'Bearer demo-token' } as const;

export interface JsonResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function getJson<T = Record<string, unknown>>(url: string, headers: Record<string, string> = {}): Promise<JsonResult<T>> {
  const r = await fetch(url, { headers: { ...AUTH, ...headers } });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

export async function postJson<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResult<T>> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json;odata=nometadata', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: { 'request-id': string; date: string } };
}

export function expectGraphError(r: JsonResult<unknown>, status: number, code: string): void {
  expect(r.status).toBe(status);
  const body = r.body as GraphErrorBody;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(typeof body.error.innerError['request-id']).toBe('string');
  expect(typeof body.error.innerError.date).toBe('string');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The CSOM request CLI for Microsoft 365 sends for `onedrive list` (StartIndex as String, or Null on the first page). */
export function csomPersonalSitesXml(startIndex?: string): string {
  const start = startIndex === undefined ? '<Property Name="StartIndex" Type="Null" />' : `<Property Name="StartIndex" Type="String">${startIndex}</Property>`;
  return (
    '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="test" ' +
    'xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009"><Actions><ObjectPath Id="2" ObjectPathId="1" />' +
    '<ObjectPath Id="4" ObjectPathId="3" /><Query Id="5" ObjectPathId="3"><Query SelectAllProperties="true"><Properties /></Query>' +
    '<ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery></Query></Actions><ObjectPaths>' +
    '<Constructor Id="1" TypeId="{268004ae-ef6b-4e9b-8425-127220d84719}" /><Method Id="3" ParentId="1" ' +
    'Name="GetSitePropertiesFromSharePointByFilters"><Parameters><Parameter TypeId="{b92aeee2-c92c-4b67-abcc-024e471bc140}">' +
    '<Property Name="Filter" Type="Null" /><Property Name="IncludeDetail" Type="Boolean">false</Property>' +
    `<Property Name="IncludePersonalSite" Type="Enum">1</Property>${start}` +
    '<Property Name="Template" Type="String">SPSPERS</Property></Parameter></Parameters></Method></ObjectPaths></Request>'
  );
}
