/** @jest-environment node */
/**
 * The partitioned scan (ScanOptions.partitioned) against the tenant simulator: the same result as the single chains on
 * tenants with skewed names, with throttling on, and each user and site counted once.
 */
import { generateTenant } from '../../demo/generate';
import type { TenantFixture } from '../../demo/simulator/types';
import { scanTenant, type ScanOptions, type ScanResult } from '../../src/provisioning/scan';
import type { ScanPorts } from '../../src/provisioning/ports';
import { createDirectClients } from '../../src/tenant/clients';
import { CsomSitePartitions, GraphUserPartitions } from '../../src/tenant/partitionedPages';
import { ADMITTED_BEYOND_PLACES, Gate, KeptPlace, SiteCoverage, sitePrefixOf, UPN_ALPHABET, UPN_NEXT_ALPHABET, upnPrefixesFor } from '../../src/provisioning/scan/partitions';
import { FAST_RETRY, startTenant, type TestTenant } from '../support/tenant';

/** Half the users on one letter, digits, apostrophes, non-ASCII display names; sites follow their owners. */
function skewed(users: number, seed: number): TenantFixture {
  const fixture = generateTenant({ users, unprovisioned: 0.3, seed, guests: 0.03, disabled: 0.02, unlicensed: 0.05 });
  const domain = fixture.tenant.initialDomain;
  const renamed = new Map<string, string>();
  fixture.users.forEach((user, i) => {
    if (user.userType === 'Guest') return;
    const old = user.userPrincipalName.toLowerCase();
    const local = old.slice(0, old.indexOf('@'));
    let upn: string;
    if (i % 2 === 0) upn = `m${local}${i}@${domain}`;
    else if (i % 7 === 1) upn = `${i % 10}${local}@${domain}`;
    else if (i % 7 === 3) upn = `o'${local}${i}@${domain}`;
    else if (i % 7 === 5) upn = `${i % 3 === 0 ? '_' : '~'}${local}${i}@${domain}`;
    else upn = `${local.charAt(0).toUpperCase()}${local.slice(1)}${i}@${domain}`;
    renamed.set(old, upn);
    user.userPrincipalName = upn;
    user.mail = upn;
    if (i % 5 === 0) user.displayName = `Łukasz Ørsted-Ñúñez ${i}`;
  });
  for (const site of fixture.sharePoint.personalSites) {
    const upn = renamed.get(site.owner.toLowerCase());
    if (upn === undefined) continue;
    site.owner = upn.toLowerCase();
    site.url = `https://${fixture.tenant.sharePointHost}-my.sharepoint.com/personal/${upn.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
  }
  fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 20, personalSites: 30 } };
  return fixture;
}

function portsOf(tenant: TestTenant): ScanPorts {
  const clients = createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'test-token', retry: FAST_RETRY });
  return {
    directory: tenant.ports.directory,
    sites: tenant.ports.sites,
    partitions: { users: new GraphUserPartitions(clients.graph, clients.graphBaseUrl), sites: new CsomSitePartitions(clients.admin, clients.adminUrl) },
  };
}

/** The same ports, each partition read written down in order as `u:<prefix>` or `s:<prefix>` (first page and next). */
function recordingPartitions(ports: ScanPorts, calls: string[]): ScanPorts {
  const partitions = ports.partitions as NonNullable<ScanPorts['partitions']>;
  const sites = partitions.sites as NonNullable<typeof partitions.sites>;
  return {
    ...ports,
    partitions: {
      users: {
        getUsersPageWithPrefix: (prefix, next, signal, slot) => {
          calls.push(`u:${prefix}`);
          return partitions.users.getUsersPageWithPrefix(prefix, next, signal, slot);
        },
      },
      sites: {
        getPersonalSitesPageWithPrefix: (prefix, next, signal, slot) => {
          calls.push(`s:${prefix}`);
          return sites.getPersonalSitesPageWithPrefix(prefix, next, signal, slot);
        },
      },
    },
  };
}

/** What must be equal: every count, and the unprovisioned users as a set (their order is the read's). */
function essence(result: ScanResult): unknown {
  return {
    considered: result.considered,
    excluded: result.excluded,
    provisionedCount: result.provisionedCount,
    unprovisioned: result.unprovisioned.map((u) => u.id).sort(),
    undetermined: result.undetermined.map((u) => u.id).sort(),
    provisionedAddresses: result.provisionedAddresses.slice().sort(),
    method: result.method,
  };
}

async function scan(ports: ScanPorts, options: ScanOptions): Promise<ScanResult> {
  const outcome = await scanTenant(ports, options);
  if (outcome.status !== 'done') throw new Error(`scan ${outcome.status}: ${outcome.status === 'failed' ? outcome.failure.code + ' ' + outcome.failure.message : ''}`);
  return outcome.result;
}

jest.setTimeout(60000);

describe('partitioned scan', () => {
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    if (tenant) await tenant.close();
    tenant = undefined;
  });

  it.each([
    [1500, 11],
    [2600, 12],
  ])('equals the single-chain result on a skewed tenant of %i users (seed %i), with throttling on', async (users, seed) => {
    const fixture = skewed(users, seed);
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    tenant.sim.setFaults([
      { match: 'GET /users?', status: 429, rate: 0.15, retryAfterSeconds: 0 },
      { match: 'POST /_vti_bin/client.svc/ProcessQuery', status: 429, rate: 0.15, retryAfterSeconds: 0 },
    ]);
    const before = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: { concurrency: 8, splitAbovePages: 2 } });
    expect(essence(split)).toEqual(essence(single));
    // Throttling was met (list pages only: the per-user confirmation's $batch items are not throttled here).
    expect(tenant.sim.log.slice(before).some((e) => e.status === 429)).toBe(true);
    expect(single.unprovisioned.length).toBeGreaterThan(0);
    // Each user and site is counted once even though split partitions read some pages twice.
    expect(split.considered + split.excluded.guests + split.excluded.disabled + split.excluded.unlicensed).toBe(fixture.users.length);
    // Filters were used, and split further than one character.
    const filtered = tenant.sim.log.filter((e) => /startswith/i.test(decodeURIComponent(e.path)));
    expect(filtered.length).toBeGreaterThan(0);
    // Half the users start with "m": that partition is longer than its share and is read as "m…" children.
    expect(filtered.some((e) => /startswith\(userPrincipalName,'m[^']'\)/i.test(decodeURIComponent(e.path)))).toBe(true);
  });

  it('reads the rest of the single chain when users lie outside every prefix', async () => {
    const fixture = skewed(600, 13);
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 20, personalSites: 12 } };
    const first = fixture.users.find((u) => u.userType === 'Member')!;
    fixture.users.push({ ...first, id: 'outside-1', userPrincipalName: `%weird@${fixture.tenant.initialDomain}`, mail: `%weird@${fixture.tenant.initialDomain}` });
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    const before = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: {} });
    expect(essence(split)).toEqual(essence(single));
    expect(split.unprovisioned.map((u) => u.id)).toContain('outside-1');
    // Read by partition, then the single chain read on past its first page (a $skiptoken page without a filter).
    const paths = tenant.sim.log.slice(before).map((e) => decodeURIComponent(e.path));
    expect(paths.some((p) => /startswith/i.test(p))).toBe(true);
    expect(paths.some((p) => /\/users\?/.test(p) && !/startswith/i.test(p) && /skiptoken/i.test(p))).toBe(true);
  });

  it('checks one by one exactly the users without a listed site whose UPN leaves the URL in doubt (a capital, a -)', async () => {
    // Every UPN lower case without "-", but for three users without a site and one with a site whose URL keeps the "-".
    const fixture = generateTenant({ users: 400, unprovisioned: 0.3, seed: 15 });
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 10, personalSites: 12 } };
    const domain = fixture.tenant.initialDomain;
    const owners = new Set(fixture.sharePoint.personalSites.map((s) => s.owner.toLowerCase()));
    const members = fixture.users.filter((u) => u.userType === 'Member' && u.accountEnabled !== false && !/[A-Z-]/.test(u.userPrincipalName.slice(0, 3)));
    const siteless = members.filter((u) => !owners.has(u.userPrincipalName.toLowerCase()));
    const withSite = members.filter((u) => owners.has(u.userPrincipalName.toLowerCase()));
    const rename = (user: (typeof members)[number], upn: string): void => {
      const old = user.userPrincipalName.toLowerCase();
      user.userPrincipalName = upn;
      user.mail = upn;
      const site = fixture.sharePoint.personalSites.find((s) => s.owner.toLowerCase() === old);
      if (site) {
        site.owner = upn.toLowerCase();
        // The "-" kept in the URL: outside every prefix the scan sends ([a-z0-9_]).
        site.url = `https://${fixture.tenant.sharePointHost}-my.sharepoint.com/personal/${upn.toLowerCase().replace(/[^a-z0-9-]/g, '_')}`;
      }
    };
    const doubtful = [siteless[0]!, siteless[1]!, siteless[2]!];
    rename(doubtful[0]!, `Capital.one@${domain}`);
    rename(doubtful[1]!, `-dash.two@${domain}`);
    rename(doubtful[2]!, `Zed.three@${domain}`);
    // A "-" under no listed prefix's length: the URL starts with "x" either way, so the "x" partition settles it.
    const settled = siteless[3]!;
    rename(settled, `x-four@${domain}`);
    const dashSite = withSite[0]!;
    rename(dashSite, `-kept.dash@${domain}`);
    // Last in the enumeration: not on the unfiltered first page the scan reads before it partitions.
    const sites = fixture.sharePoint.personalSites;
    sites.push(...sites.splice(sites.findIndex((site) => site.owner === `-kept.dash@${domain}`), 1));
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    const before = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: {} });
    expect(essence(split)).toEqual(essence(single));
    // The site outside every prefix was found by the check of its owner, who is not reported unprovisioned.
    expect(split.provisionedAddresses).toContain(`-kept.dash@${domain}`);
    expect(split.unprovisioned.map((u) => u.id)).not.toContain(dashSite.id);
    // Checked one by one: exactly the users in doubt without a listed site — not the other users without a site.
    const checked = tenant.sim.log
      .slice(before)
      .filter((e) => e.batchId !== undefined)
      .map((e) => /\/users\/([^/?]+)/.exec(decodeURIComponent(e.path))?.[1]);
    const expected = [dashSite, ...doubtful].map((u) => u.id).sort();
    expect(checked.slice().sort()).toEqual(expected);
    expect(checked).not.toContain(settled.id);
    expect(split.unprovisioned.map((u) => u.id)).toContain(settled.id);
    expect(siteless.length).toBeGreaterThan(50);
  });

  it('reads the sites as the single chain when the unfiltered first page shows the filter does not match as documented', async () => {
    const fixture = generateTenant({ users: 400, unprovisioned: 0.3, seed: 18 });
    // -like as a whole-URL pattern (MicrosoftDocs/OfficeDocs-SharePoint#2793's report): every prefix filter lists nothing.
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 10, personalSites: 12 }, csomLikeMatch: 'pattern' };
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    const singleSitePages = tenant.sim.log.filter((e) => /processquery/i.test(e.path)).length;
    const before = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: {} });
    expect(essence(split)).toEqual(essence(single));
    expect(split.provisionedCount).toBeGreaterThan(100);
    // Round one, the 37 partitions (empty), then every page of the single chain again; no user checked one by one.
    const asked = tenant.sim.log.slice(before);
    expect(asked.filter((e) => /processquery/i.test(e.path)).length).toBe(1 + 37 + singleSitePages);
    expect(asked.some((e) => e.batchId !== undefined)).toBe(false);
  });

  it('starts the users partitions of digits and signs only when the letters fall short of the directory count', async () => {
    const fixture = generateTenant({ users: 300, unprovisioned: 0.3, seed: 16 });
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 10, personalSites: 12 } };
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    const before = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: {} });
    expect(essence(split)).toEqual(essence(single));
    const prefixes = tenant.sim.log
      .slice(before)
      .map((e) => /startswith\(userPrincipalName,'((?:[^']|'')*)'\)/i.exec(decodeURIComponent(e.path))?.[1])
      .filter((p): p is string => p !== undefined);
    expect(new Set(prefixes.map((p) => p.charAt(0)))).toEqual(new Set('abcdefghijklmnopqrstuvwxyz'.split('')));
  });

  /**
   * Scans the tenant (small pages: 20 users, 30 sites) as the single chains, then by partition with `concurrency`, both
   * results equal; answers the partition reads in order.
   */
  async function bothWays(fixture: TenantFixture, concurrency: number): Promise<string[]> {
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 20, personalSites: 30 } };
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    const calls: string[] = [];
    const split = await scan(recordingPartitions(ports, calls), { partitioned: { concurrency, splitAbovePages: 2 } });
    expect(essence(split)).toEqual(essence(single));
    return calls;
  }

  it('reads the sites partitions of digits and signs last when no UPN starts with one: they fill the places the last chains leave', async () => {
    const fixture = generateTenant({ users: 1500, unprovisioned: 0.3, seed: 18 });
    expect(fixture.users.every((u) => /^[a-z]/i.test(u.userPrincipalName))).toBe(true);
    const calls = await bothWays(fixture, 5);
    const others = calls.map((c, i) => (/^s:[0-9_]$/.test(c) ? i : -1)).filter((i) => i >= 0);
    // Every one is read: the sites are complete by construction.
    expect(others).toHaveLength(11);
    // Asked once fewer chains than places (5) were under way: fewer than 5 other chains ask anything after the first.
    const first = Math.min(...others);
    const chainsAfter = new Set(calls.slice(first).filter((c) => !/^s:[0-9_]$/.test(c)));
    expect(chainsAfter.size).toBeLessThan(5);
  });

  it("splits the sites partition of a digit by its users' count: a school whose student numbers start with 2 reads 2… by children", async () => {
    const calls = await bothWays(generateTenant({ users: 1500, unprovisioned: 0.3, seed: 17, studentNumbers: 0.85 }), 8);
    const userPrefixes = calls.filter((c) => c.startsWith('u:')).map((c) => c.slice(2));
    const sitePrefixes = calls.filter((c) => c.startsWith('s:')).map((c) => c.slice(2));
    // Most UPNs are 20…-26…: the users partition "2" is split, and so is the sites partition "2" (by the same count).
    expect(userPrefixes.filter((p) => /^2./.test(p)).length).toBeGreaterThan(0);
    expect(new Set(sitePrefixes.filter((p) => /^2./.test(p)))).toEqual(new Set('0123456789abcdefghijklmnopqrstuvwxyz_'.split('').map((c) => `2${c}`)));
  });

  it('keeps at most the given number of calls in flight, and a pause holds every call not yet started', async () => {
    const gate = new Gate(3);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const t0 = Date.now();
    gate.pause(80);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        gate.run(async () => {
          started.push(Date.now() - t0);
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setTimeout(r, 10));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(gate.peak).toBe(3);
    expect(Math.min(...started)).toBeGreaterThanOrEqual(70);
  });

  it('counts a request in flight from its sending to its answer: the next one goes out while an answer is read', async () => {
    const gate = new Gate(1);
    const events: string[] = [];
    let finishReading: () => void = () => undefined;
    const first = gate.runRequests(async (slot) => {
      await slot.sending();
      events.push('A sent');
      slot.answered();
      // The answer is being read: A's call is not over, its request is.
      await new Promise<void>((resolve) => (finishReading = resolve));
      events.push('A read');
    });
    const second = gate.runRequests(async (slot) => {
      await slot.sending();
      events.push('B sent');
      slot.answered();
    });
    await second;
    finishReading();
    await first;
    expect(events).toEqual(['A sent', 'B sent', 'A read']);
    expect(gate.peak).toBe(1);
    expect(gate.started).toBe(2);
  });

  it('frees the place of a request that got no answer when its call ends, and of a call that sent nothing', async () => {
    const gate = new Gate(1);
    await expect(
      gate.runRequests(async (slot) => {
        await slot.sending();
        throw new Error('network');
      }),
    ).rejects.toThrow('network');
    await gate.runRequests(async () => 'nothing sent');
    const order: string[] = [];
    await gate.runRequests(async (slot) => {
      await slot.sending();
      order.push('sent');
      slot.answered();
    });
    expect(order).toEqual(['sent']);
    expect(gate.started).toBe(2);
  });

  it('keeps the place of the chain that wants it between its pages while others wait, and gives it back on release', async () => {
    const gate = new Gate(1);
    const order: string[] = [];
    let wanted = true;
    const keep = new KeptPlace(() => wanted);
    // The long chain's first page holds the only place; another chain waits for it.
    let answerFirst: () => void = () => undefined;
    const firstPage = gate.runRequests(async (slot) => {
      await slot.sending();
      order.push('long 1');
      await new Promise<void>((resolve) => (answerFirst = resolve));
      slot.answered();
    }, () => 10, keep);
    await Promise.resolve();
    const other = gate.runRequests(async (slot) => {
      await slot.sending();
      order.push('other');
      slot.answered();
    }, () => 1);
    answerFirst();
    await firstPage;
    // Answered, wanted, someone waiting: the place is kept — the other chain is still waiting.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['long 1']);
    expect(keep.held).toBe(true);
    // The long chain's next page takes its kept place at once.
    await gate.runRequests(async (slot) => {
      await slot.sending();
      order.push('long 2');
      wanted = false;
      slot.answered();
    }, () => 9, keep);
    // No longer wanted: freed on the answer, and the other chain goes.
    await other;
    expect(order).toEqual(['long 1', 'long 2', 'other']);
    expect(keep.held).toBe(false);
    // A place kept and never used again goes back with release.
    wanted = true;
    const keep2 = new KeptPlace(() => wanted);
    let answer: () => void = () => undefined;
    const page = gate.runRequests(async (slot) => {
      await slot.sending();
      await new Promise<void>((resolve) => (answer = resolve));
      slot.answered();
    }, () => 5, keep2);
    await Promise.resolve();
    const waiter = gate.runRequests(async (slot) => {
      await slot.sending();
      order.push('waiter');
      slot.answered();
    });
    answer();
    await page;
    expect(keep2.held).toBe(true);
    gate.release(keep2);
    await waiter;
    expect(order[order.length - 1]).toBe('waiter');
    expect(gate.peak).toBe(1);
  });

  it('lets at most a few calls more than the places get under way, the one of highest priority first as calls end', async () => {
    const gate = new Gate(2);
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const call = (name: string, priority: number): Promise<void> =>
      gate.runRequests(async () => {
        started.push(name);
        await new Promise<void>((resolve) => finish.set(name, resolve));
      }, () => priority);
    const under = Array.from({ length: 2 + ADMITTED_BEYOND_PLACES }, (_, i) => call(`u${i}`, 1));
    const low = call('low', 1);
    const high = call('high', 9);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Requests not sent yet (no place asked) still count as under way: the next two wait to be let in.
    expect(started).toHaveLength(2 + ADMITTED_BEYOND_PLACES);
    finish.get('u0')!();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started[started.length - 1]).toBe('high');
    finish.get('u1')!();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started[started.length - 1]).toBe('low');
    for (const [, done] of finish) done();
    await Promise.all([...under, low, high]);
  });

  it('never has more requests open at the service than the concurrency asked, counted at the simulator', async () => {
    const fixture = skewed(2600, 21);
    fixture.simulation = { ...(fixture.simulation ?? {}), latencyMs: 15 };
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const before = tenant.sim.log.length;
    await scan(ports, { partitioned: { concurrency: 3, splitAbovePages: 2 } });
    // Each page request's time at the service, from its arrival to its answer leaving: at most 3 at once, and 3 reached.
    const spans = tenant.sim.log.slice(before).filter((e) => e.batchId === undefined && e.answered !== undefined && /\/users\?|processquery/i.test(e.path));
    const edges: Array<[number, number]> = [];
    for (const e of spans) {
      edges.push([e.at, 1], [e.answered as number, -1]);
    }
    // An answer leaving and a request arriving in the same millisecond: the answer first (the request was sent after it).
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    let most = 0;
    for (const [, step] of edges) {
      open += step;
      most = Math.max(most, open);
    }
    expect(spans.length).toBeGreaterThan(100);
    expect(most).toBe(3);
  });

  it('names the UPN prefixes a sites partition stands for: every prefix of the alphabet whose documented segment it is', () => {
    expect(upnPrefixesFor('a')).toEqual(['a']);
    expect(upnPrefixesFor('2')).toEqual(['2']);
    expect(upnPrefixesFor('_').sort()).toEqual(["'", '.', '-', '_', '!', '#', '^', '~'].sort());
    // Brute force over every two-character UPN prefix: each lands under exactly its own segment's list.
    for (const first of UPN_ALPHABET) {
      for (const second of UPN_NEXT_ALPHABET) {
        const upnPrefix = first + second;
        expect(upnPrefixesFor(sitePrefixOf(upnPrefix))).toContain(upnPrefix);
      }
    }
    expect(upnPrefixesFor('2_')).toHaveLength(9);
    expect(upnPrefixesFor('2_')).toContain('2@');
  });

  it('covers a user when a listed prefix stands for settled characters of the UPN (no capital, no -)', () => {
    const coverage = new SiteCoverage();
    coverage.add('a');
    coverage.add('mb');
    coverage.add('_');
    expect(coverage.covers('anna@contoso.com')).toBe(true);
    // "-" after the listed part: the URL starts with "a" whether it is kept or not.
    expect(coverage.covers('a-b@contoso.com')).toBe(true);
    expect(coverage.covers('mbeki@contoso.com')).toBe(true);
    expect(coverage.covers("o'brien@contoso.com")).toBe(false);
    expect(coverage.covers("'quote@contoso.com")).toBe(true);
    expect(coverage.covers('Anna@contoso.com')).toBe(false);
    expect(coverage.covers('mB@contoso.com')).toBe(false);
    expect(coverage.covers('-dash@contoso.com')).toBe(false);
    expect(coverage.covers('m-a@contoso.com')).toBe(false);
    expect(coverage.covers('zed@contoso.com')).toBe(false);
  });

  it('gives a free place to the waiting call of highest priority, in arrival order among equals', async () => {
    const gate = new Gate(1);
    const order: string[] = [];
    let release: () => void = () => undefined;
    const blocker = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const calls = [
      ['low', 1],
      ['high', 9],
      ['mid-a', 5],
      ['mid-b', 5],
    ].map(([name, priority]) => gate.run(async () => void order.push(name as string), () => priority as number));
    release();
    await Promise.all([blocker, ...calls]);
    expect(order).toEqual(['high', 'mid-a', 'mid-b', 'low']);
  });

  it('reads a tenant whose chains are short as the two single chains, the option on (no partition would end sooner)', async () => {
    const fixture = generateTenant({ users: 300, unprovisioned: 0.3, seed: 17 });
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 100, personalSites: 60 } };
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    const singleRequests = tenant.sim.log.length;
    const split = await scan(ports, { partitioned: {} });
    expect(essence(split)).toEqual(essence(single));
    const asked = tenant.sim.log.slice(singleRequests);
    expect(asked.some((e) => /startswith/i.test(decodeURIComponent(e.path)))).toBe(false);
    expect(asked).toHaveLength(singleRequests);
  });

  it('an interrupted partitioned read leaves a checkpoint with no page in it; scanned again from it, it reads by partition and finds the same users', async () => {
    const fixture = skewed(1500, 21);
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    const single = await scan(ports, {});
    // After round one's first users page, every users read fails with 500 (the transport's retries included).
    const sim = tenant.sim;
    const options: ScanOptions = { partitioned: { concurrency: 8, splitAbovePages: 2 } };
    const failed = await scanTenant(ports, {
      ...options,
      onProgress: (p) => {
        if (p.userPagesDone >= 1) sim.setFaults([{ match: 'GET /users?', status: 500 }]);
      },
    });
    expect(failed.status).toBe('failed');
    if (failed.status !== 'failed') return;
    expect(failed.failure.status).toBe(500);
    expect(failed.checkpoint).toMatchObject({ userPagesDone: 0, sitePagesDone: 0, users: [], siteOwners: [] });
    tenant.sim.setFaults([]);
    const before = tenant.sim.log.length;
    const outcome = await scanTenant(ports, { ...options, resumeFrom: failed.checkpoint });
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(essence(outcome.result)).toEqual(essence(single));
    expect(tenant.sim.log.slice(before).some((e) => /startswith/i.test(decodeURIComponent(e.path)))).toBe(true);
  });

  it('a partition asked to wait longer than a minute is not waited out in place: the scan ends throttled with the wait asked', async () => {
    tenant = await startTenant(skewed(1500, 22));
    const ports = portsOf(tenant);
    const sim = tenant.sim;
    const started = Date.now();
    const outcome = await scanTenant(ports, {
      partitioned: { concurrency: 8, splitAbovePages: 2 },
      onProgress: (p) => {
        if (p.userPagesDone >= 1) sim.setFaults([{ match: 'GET /users?', status: 429, retryAfterSeconds: 120 }]);
      },
    });
    expect(Date.now() - started).toBeLessThan(20000);
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.failure).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(outcome.source).toBe('users');
  });

  it('a tenant no partition would read sooner is handed back to the single chains after round one: their loop guard holds (a stalled users read stops)', async () => {
    const fixture = generateTenant({ users: 300, unprovisioned: 0.3, seed: 23 });
    fixture.simulation = { ...(fixture.simulation ?? {}), pageSizes: { users: 50, personalSites: 60 } };
    tenant = await startTenant(fixture);
    const ports = portsOf(tenant);
    tenant.sim.setPagingFaults([{ collection: 'users', kind: 'stall', page: 2 }]);
    const outcome = await scanTenant(ports, { partitioned: {} });
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.failure.code).toBe('PagingNoProgress');
    // Round one's first page and the stalled chain's pages are in the checkpoint: a scan again goes on from there.
    expect(outcome.checkpoint.userPagesDone).toBeGreaterThan(0);
    expect(tenant.sim.log.some((e) => /startswith/i.test(decodeURIComponent(e.path)))).toBe(false);
  });

  it('is off by default and without partition ports', async () => {
    tenant = await startTenant(skewed(300, 14));
    const ports = portsOf(tenant);
    await scan(ports, {});
    expect(tenant.sim.log.some((e) => /startswith/i.test(decodeURIComponent(e.path)))).toBe(false);
    await scan({ directory: ports.directory, sites: ports.sites }, { partitioned: {} });
    expect(tenant.sim.log.some((e) => /startswith/i.test(decodeURIComponent(e.path)))).toBe(false);
  });
});
