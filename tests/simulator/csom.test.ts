/** @jest-environment node */
/**
 * CSOM realism (captured answers in pnp/cli-microsoft365's specs): opaque SPSiteQuery paging tokens, null on the last
 * page, plain-UPN owners, errors as ErrorInfo with HTTP 200, and SPRequestGuid = TraceCorrelationId.
 */
import type { RunningSimulator } from '../../demo/simulator';
import { AUTH, csomPersonalSitesXml, start } from './support';

interface CsomHeader {
  SchemaVersion: string;
  LibraryVersion: string;
  TraceCorrelationId: string;
  ErrorInfo: null | { ErrorMessage: string; ErrorValue: null; TraceCorrelationId: string; ErrorCode: number; ErrorTypeName: string };
}
interface SitePage {
  NextStartIndexFromSharePoint: string | null;
  _Child_Items_: Array<{ Url: string; Owner: string; LastContentModifiedDate: string }>;
}

async function processQuery(sim: RunningSimulator, xml: string): Promise<{ status: number; body: unknown[]; guid: string | null }> {
  const r = await fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'text/xml' }, body: xml });
  return { status: r.status, body: (await r.json()) as unknown[], guid: r.headers.get('sprequestguid') };
}

const TOKEN = /^SPSiteQuery,[0-9a-f-]{36},[0-9a-f-]{36},[0-9a-f-]{36}$/;

describe('simulator: CSOM personal-site enumeration, as SharePoint answers it', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('unprovisioned-users'); // 116 sites, pages of 50
  });
  afterAll(async () => {
    await sim.close();
  });

  it('pages with opaque SPSiteQuery tokens that round-trip, null on the last page; "0" starts as CLI for Microsoft 365 sends it', async () => {
    const tokens: string[] = [];
    const owners: string[] = [];
    let next: string | undefined = '0';
    while (next !== undefined) {
      const r = await processQuery(sim, csomPersonalSitesXml(next));
      expect(r.status).toBe(200);
      const header = r.body[0] as CsomHeader;
      expect(header.ErrorInfo).toBeNull();
      expect(r.guid).toBe(header.TraceCorrelationId);
      const page = r.body[r.body.length - 1] as SitePage;
      for (const s of page._Child_Items_) {
        owners.push(s.Owner);
        expect(s.Owner).not.toMatch(/\|/); // a plain UPN, not a claims login
        expect(s.LastContentModifiedDate).toMatch(/^\/Date\(\d{4},\d{1,2},\d{1,2},\d{1,2},\d{1,2},\d{1,2},\d{1,3}\)\/$/);
      }
      if (page.NextStartIndexFromSharePoint === null) {
        next = undefined;
      } else {
        expect(page.NextStartIndexFromSharePoint).toMatch(TOKEN);
        tokens.push(page.NextStartIndexFromSharePoint);
        next = page.NextStartIndexFromSharePoint;
      }
    }
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
    expect(new Set(owners).size).toBe(116);
  });

  it('answers a garbled or unknown token with an ErrorInfo (HTTP 200), not a crash', async () => {
    for (const bad of ['SPSiteQuery,not-a-token', '300', 'SPSiteQuery,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000']) {
      const r = await processQuery(sim, csomPersonalSitesXml(bad));
      expect(r.status).toBe(200);
      expect(r.body).toHaveLength(1);
      const header = r.body[0] as CsomHeader;
      expect(header).toEqual({
        SchemaVersion: '15.0.0.0',
        LibraryVersion: expect.any(String),
        ErrorInfo: {
          ErrorMessage: expect.any(String),
          ErrorValue: null,
          TraceCorrelationId: header.TraceCorrelationId,
          ErrorCode: -2147024809,
          ErrorTypeName: 'System.ArgumentException',
        },
        TraceCorrelationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(r.guid).toBe(header.TraceCorrelationId);
    }
  });

  it('puts SPRequestGuid on every SharePoint answer, errors included', async () => {
    for (const url of [`${sim.siteUrl}/_api/web`, `${sim.spAdminUrl}/_api/web`, `${sim.url}/sp/sites/nowhere/_api/web`]) {
      const r = await fetch(url, { headers: AUTH });
      expect(r.headers.get('sprequestguid')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const noAuth = await fetch(`${sim.siteUrl}/_api/web`);
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('sprequestguid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
