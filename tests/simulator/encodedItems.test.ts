/** @jest-environment node */
/**
 * Pages written from items serialized once (users pages, CSOM personal-site pages) are the text JSON.stringify would
 * write for the same answer — byte for byte — on the first request and on the next ones, and a $batch still embeds
 * them as JSON.
 */
import { generateTenant } from '../../demo/generate';
import { startSimulator, type RunningSimulator } from '../../demo/simulator';
import { encodedItem, encodedObject } from '../../demo/simulator/encodedItems';

const SELECT = '$select=id,userPrincipalName,mail,displayName,department,accountEnabled,userType,preferredDataLocation,assignedLicenses';

function csomBody(next?: string): string {
  return `<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="test" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009"><Actions><ObjectPath Id="2" ObjectPathId="1" /><ObjectPath Id="4" ObjectPathId="3" /><Query Id="5" ObjectPathId="3"><Query SelectAllProperties="true"><Properties /></Query><ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery></Query></Actions><ObjectPaths><Constructor Id="1" TypeId="{268004ae-ef6b-4e9b-8425-127220d84719}" /><Method Id="3" ParentId="1" Name="GetSitePropertiesFromSharePointByFilters"><Parameters><Parameter TypeId="{b92aeee2-c92c-4b67-abcc-024e471bc140}"><Property Name="IncludePersonalSite" Type="Enum">1</Property><Property Name="StartIndex" Type="String">${next ?? ''}</Property><Property Name="Template" Type="String">SPSPERS</Property></Parameter></Parameters></Method></ObjectPaths></Request>`;
}

describe('simulator pages from serialized items', () => {
  let sim: RunningSimulator;
  afterAll(async () => {
    await sim.close();
  });

  it('a users page is JSON.stringify text, the same on every request, with non-ASCII names', async () => {
    const fixture = generateTenant({ users: 1200, unprovisioned: 0.3, seed: 5 });
    fixture.users[3]!.displayName = 'Łukasz Ørsted-Ñúñez "quoted" \\ back';
    sim = await startSimulator({ fixture, port: 0 });
    const url = `${sim.graphBaseUrl}/users?${SELECT}&$top=999&$count=true`;
    const headers = { Authorization: 'Bearer t', ConsistencyLevel: 'eventual' };
    const first = await (await fetch(url, { headers })).text();
    const again = await (await fetch(url, { headers })).text();
    expect(again).toBe(first);
    const parsed = JSON.parse(first) as { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string; '@odata.count'?: number };
    expect(JSON.stringify(parsed)).toBe(first);
    expect(Object.keys(parsed)).toEqual(['@odata.context', '@odata.count', '@odata.nextLink', 'value']);
    expect(parsed.value).toHaveLength(999);
    expect(parsed.value[3]).toMatchObject({ displayName: 'Łukasz Ørsted-Ñúñez "quoted" \\ back', assignedLicenses: fixture.users[3]!.assignedLicenses });
    expect(Object.keys(parsed.value[0]!)).toEqual(['id', 'userPrincipalName', 'mail', 'displayName', 'department', 'accountEnabled', 'userType', 'preferredDataLocation', 'assignedLicenses']);
    const last = JSON.parse(await (await fetch(parsed['@odata.nextLink'] as string, { headers })).text()) as { value: unknown[]; '@odata.nextLink'?: string };
    expect(last.value).toHaveLength(201);
    expect(last['@odata.nextLink']).toBeUndefined();
  });

  it('inside a $batch the same users page is embedded as JSON', async () => {
    const response = await fetch(`${sim.graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: `/users?${SELECT}&$top=5` }] }),
    });
    const batch = (await response.json()) as { responses: Array<{ status: number; body: { value: unknown[] } }> };
    expect(batch.responses[0]?.status).toBe(200);
    expect(batch.responses[0]?.body.value).toHaveLength(5);
  });

  it('a CSOM personal-site page is JSON.stringify text, the same on every request', async () => {
    const url = `${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`;
    const post = async (): Promise<string> => (await fetch(url, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'text/xml' }, body: csomBody() })).text();
    const first = await post();
    const again = await post();
    // Each answer is JSON.stringify's text (checked as a boolean: a failure would print 150 KB).
    expect(JSON.stringify(JSON.parse(first)) === first).toBe(true);
    expect(JSON.stringify(JSON.parse(again)) === again).toBe(true);
    const itemsOf = (text: string): Array<Record<string, unknown>> => {
      const answer = JSON.parse(text) as unknown[];
      return (answer[answer.length - 1] as { _Child_Items_: Array<Record<string, unknown>> })._Child_Items_;
    };
    // The same items (the correlation id and the next-page token are new on every answer).
    expect(JSON.stringify(itemsOf(again)) === JSON.stringify(itemsOf(first))).toBe(true);
    const result = { _Child_Items_: itemsOf(first) };
    expect(result._Child_Items_.length).toBeGreaterThan(0);
    expect(Object.keys(result._Child_Items_[0]!)).toEqual(['_ObjectType_', 'Url', 'Owner', 'Template', 'Title', 'Status', 'LastContentModifiedDate']);
  });

  it('encodedObject writes what JSON.stringify writes, with and without a next link or a head', () => {
    const items = [{ a: 1 }, { b: 'ø"' }];
    const bytes = items.map((item) => encodedItem(item, 'test', (x) => x));
    expect(Buffer.concat(encodedObject({ h: 1 }, 'n', 'x', 'value', bytes)).toString('utf8')).toBe(JSON.stringify({ h: 1, n: 'x', value: items }));
    expect(Buffer.concat(encodedObject({}, 'n', undefined, 'value', bytes)).toString('utf8')).toBe(JSON.stringify({ value: items }));
    expect(Buffer.concat(encodedObject({ h: 1 }, 'n', undefined, 'value', [])).toString('utf8')).toBe(JSON.stringify({ h: 1, value: [] }));
  });
});
