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

describe('simulator: CSOM Filter answers as the sites stand', () => {
  it('a filter asked again after a provisioning request lists the new site; a longer prefix lists what its start lists', async () => {
    const sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.provisioningDelayMs = 0;
    });
    try {
      const unprovisioned = sim.state.users.find(
        (u) => u.userType === 'Member' && u.accountEnabled && !sim.state.personalSiteOf(u) && /^[a-z]/i.test(u.userPrincipalName),
      );
      expect(unprovisioned).toBeDefined();
      const upn = (unprovisioned as { userPrincipalName: string }).userPrincipalName;
      const segment = upn.toLowerCase().replace(/[^a-z0-9]/g, '_');
      const one = `Url -like '-my.sharepoint.com/personal/${segment.charAt(0)}'`;
      const two = `Url -like '-my.sharepoint.com/personal/${segment.slice(0, 2)}'`;
      const before = await all(sim, one);
      const beforeTwo = await all(sim, two);
      expect(beforeTwo.every((u) => before.includes(u))).toBe(true);
      const enqueue = await fetch(`${sim.spAdminUrl}/_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk`, {
        method: 'POST',
        headers: { ...AUTH, 'Content-Type': 'application/json' },
        body: JSON.stringify({ emailIDs: [upn] }),
      });
      expect(enqueue.status).toBe(200);
      const after = await all(sim, one);
      const afterTwo = await all(sim, two);
      const created = after.filter((u) => !before.includes(u));
      expect(created).toEqual([expect.stringContaining(`/personal/${segment}`)]);
      expect(afterTwo.filter((u) => !beforeTwo.includes(u))).toEqual(created);
      // Every site whose URL holds the longer text, and no other (the narrowed answer equals a pass over every site).
      const every = sim.state.personalSitesInDefaultGeo().map((p) => p.url);
      expect(afterTwo.sort()).toEqual(every.filter((u) => u.toLowerCase().includes(`-my.sharepoint.com/personal/${segment.slice(0, 2)}`)).sort());
    } finally {
      await sim.close();
    }
  });
});
