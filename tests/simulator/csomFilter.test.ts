/** @jest-environment node */
/** The CSOM Filter the simulator honours: `Url -like` / `Url -notlike` as a substring, anything else refused. */
import type { RunningSimulator } from '../../demo/simulator';
import { parseUrlFilter } from '../../demo/simulator/csom';
import { AUTH, csomPersonalSitesXml, start } from './support';

interface Answer {
  error?: { ErrorTypeName: string; ErrorMessage: string };
  urls: string[];
  next: string | null;
}

async function query(sim: RunningSimulator, filter: string, startIndex?: string): Promise<Answer> {
  const escaped = filter.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const xml = csomPersonalSitesXml(startIndex).replace('<Property Name="Filter" Type="Null" />', `<Property Name="Filter" Type="String">${escaped}</Property>`);
  const r = await fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'text/xml' }, body: xml });
  const body = (await r.json()) as Array<Record<string, unknown>>;
  const head = body[0] as { ErrorInfo: Answer['error'] | null };
  if (head.ErrorInfo) return { error: head.ErrorInfo, urls: [], next: null };
  const last = body[body.length - 1] as { _Child_Items_: Array<{ Url: string }>; NextStartIndexFromSharePoint: string | null };
  return { urls: last._Child_Items_.map((i) => i.Url), next: last.NextStartIndexFromSharePoint };
}

async function all(sim: RunningSimulator, filter: string): Promise<string[]> {
  const urls: string[] = [];
  let next: string | undefined;
  do {
    const page = await query(sim, filter, next);
    if (page.error) throw new Error(page.error.ErrorMessage);
    urls.push(...page.urls);
    next = page.next ?? undefined;
  } while (next);
  return urls;
}

describe('simulator: CSOM Filter on the personal-site enumeration', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('unprovisioned-users');
  });
  afterAll(async () => {
    await sim.close();
  });

  it('parses only Url -like / -notlike, case-sensitive operators', () => {
    expect(parseUrlFilter("Url -like '-my.sharepoint.com/personal/a'")).toEqual({ negate: false, text: '-my.sharepoint.com/personal/a' });
    expect(parseUrlFilter('Url -notlike "/personal/B"')).toEqual({ negate: true, text: '/personal/b' });
    expect(parseUrlFilter("Url -LIKE 'x'")).toBeUndefined();
    expect(parseUrlFilter("Url -like 'a' -and Url -notlike 'b'")).toBeUndefined();
    expect(parseUrlFilter("Owner -eq 'a@b.c'")).toBeUndefined();
  });

  it('-like and -notlike split the sites in two, paged, each page token tied to its filter', async () => {
    const every = sim.state.personalSitesInDefaultGeo().map((s) => s.url).sort();
    const a = await all(sim, "Url -like '-my.sharepoint.com/personal/a'");
    const notA = await all(sim, "Url -notlike '-my.sharepoint.com/personal/a'");
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((u) => u.includes('/personal/a'))).toBe(true);
    expect([...a, ...notA].sort()).toEqual(every);
    const first = await query(sim, "Url -notlike '-my.sharepoint.com/personal/a'");
    expect(first.next).not.toBeNull();
    const foreign = await query(sim, "Url -like '-my.sharepoint.com/personal/a'", first.next ?? undefined);
    expect(foreign.error?.ErrorTypeName).toBe('System.ArgumentException');
  });

  it('refuses a conjunction it has no evidence for', async () => {
    const page = await query(sim, "Url -like '-my.sharepoint.com/personal/' -and Url -notlike '-my.sharepoint.com/personal/a'");
    expect(page.error?.ErrorTypeName).toBe('System.ArgumentException');
  });

  it("matches -like as a whole-URL wildcard pattern when the tenant says so (csomLikeMatch: 'pattern')", async () => {
    const pattern = await start('unprovisioned-users', (f) => {
      f.simulation = { ...(f.simulation ?? {}), csomLikeMatch: 'pattern' };
    });
    try {
      const every = pattern.state.personalSitesInDefaultGeo().map((s) => s.url).sort();
      expect(await all(pattern, "Url -like '-my.sharepoint.com/personal/'")).toEqual([]);
      expect((await all(pattern, "Url -like '*-MY.sharepoint.com/personal/*'")).sort()).toEqual(every);
      expect((await all(pattern, "Url -notlike '-my.sharepoint.com/personal/a'")).sort()).toEqual(every);
      const a = await all(pattern, "Url -like '*/personal/a*'");
      expect(a.length).toBeGreaterThan(0);
      expect(a.every((u) => u.includes('/personal/a'))).toBe(true);
    } finally {
      await pattern.close();
    }
  });
});
