/** @jest-environment node */
import type { RunningSimulator } from '../../demo/simulator';
import { AUTH, expectGraphError, getJson, postJson, sleep, start } from './support';

describe('simulator: throttling and Retry-After', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('ready');
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers 429 with Retry-After, and a fresh 429 to a client that comes back to the same workload too early', async () => {
    sim.setFaults([{ match: 'GET /users', status: 429, times: 1, retryAfterSeconds: 1 }]);
    const first = await getJson(`${sim.graphBaseUrl}/users?$select=id`);
    expectGraphError(first, 429, 'TooManyRequests');
    expect(first.headers.get('retry-after')).toBe('1');

    const early = await getJson(`${sim.graphBaseUrl}/users/${encodeURIComponent('Adele.Vance@contoso.onmicrosoft.com')}`);
    expectGraphError(early, 429, 'TooManyRequests'); // same workload (users), rule already used up
    expect(early.headers.get('retry-after')).toBe('1');

    expect((await getJson(`${sim.graphBaseUrl}/me`)).status).toBe(200); // other workload unaffected

    await sleep(1100);
    expect((await getJson(`${sim.graphBaseUrl}/users?$select=id`)).status).toBe(200);
  });

  it('defaults Retry-After to 5 seconds', async () => {
    sim.setFaults([{ match: 'GET /subscribedSkus', status: 429, times: 1 }]);
    const r = await getJson(`${sim.graphBaseUrl}/subscribedSkus`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('5');
    sim.setFaults([]); // also forgets pending Retry-After blocks
    expect((await getJson(`${sim.graphBaseUrl}/subscribedSkus`)).status).toBe(200);
  });

  it('applies rules by method and path prefix, at most `times` times', async () => {
    sim.setFaults([{ match: 'GET /servicePrincipals', status: 500, times: 2 }]);
    const url = `${sim.graphBaseUrl}/servicePrincipals?$filter=displayName eq 'Office 365 Mover'`;
    expectGraphError(await getJson(url), 500, 'generalException');
    expectGraphError(await getJson(url), 500, 'generalException');
    expect((await getJson(url)).status).toBe(200);
    sim.setFaults([]);
  });

  it('matches rule prefixes against the decoded url too (PnPjs sends %24select)', async () => {
    sim.setFaults([{ match: 'GET /users?$select=id', status: 502, times: 1 }]);
    expectGraphError(await getJson(`${sim.graphBaseUrl}/users?%24select=id%2CdisplayName`), 502, 'BadGateway');
    sim.setFaults([]);
  });

  it('serves the SharePoint access-denied body with HTTP 200 when a rule says so', async () => {
    sim.setFaults([{ match: 'POST /_api/contextinfo', status: 403, body: 'access-denied-200' }]);
    const r = await postJson(`${sim.siteUrl}/_api/contextinfo`, '');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      'odata.error': {
        code: '-2147024891, System.UnauthorizedAccessException',
        message: { lang: 'en-US', value: 'Access denied. You do not have permission to perform this action or access this resource.' },
      },
    });
    sim.setFaults([]);
  });

  it('takes fault rules from other processes through POST /__sim/faults and validates them', async () => {
    const bad = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify([{ match: 'GET /me', status: 418 }]) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/\[0\]\.status/);

    const ok = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify([{ match: 'GET /me', status: 503, times: 1 }]) });
    expect(ok.status).toBe(204);
    expectGraphError(await getJson(`${sim.graphBaseUrl}/me`), 503, 'serviceNotAvailable');
    expect((await getJson(`${sim.graphBaseUrl}/me`)).status).toBe(200);
  });
});

describe('simulator: rate limit', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('ready', (f) => {
      f.simulation = { rateLimit: { graph: { units: 5, windowSeconds: 2 } } };
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('charges list reads 2 units (1 with $select), single reads 1, and answers 429 until the window ends', async () => {
    const a = await getJson(`${sim.graphBaseUrl}/users`); // 2
    expect(a.headers.get('ratelimit-limit')).toBe('5');
    expect(a.headers.get('ratelimit-remaining')).toBe('3');
    expect(Number(a.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const b = await getJson(`${sim.graphBaseUrl}/users?$select=id`); // 1
    expect(b.headers.get('ratelimit-remaining')).toBe('2');
    const c = await getJson(`${sim.graphBaseUrl}/me`); // 1
    expect(c.headers.get('ratelimit-remaining')).toBe('1');
    const d = await getJson(`${sim.graphBaseUrl}/users`); // needs 2, only 1 left
    expectGraphError(d, 429, 'TooManyRequests');
    const retryAfter = Number(d.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);

    // $batch items count on their own
    await sleep(retryAfter * 1000 + 100);
    const batch = await postJson<{ responses: Array<{ status: number }> }>(`${sim.graphBaseUrl}/$batch`, {
      requests: Array.from({ length: 7 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/organization?$select=id` })),
    });
    expect(batch.status).toBe(200);
    expect(batch.body.responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});

describe('simulator: seeded random errors', () => {
  async function statuses(seed: number): Promise<number[]> {
    const sim = await start('ready', (f) => {
      f.simulation = { randomErrors: { rate: 0.3, seed, retryAfterSeconds: 0 } };
    });
    try {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await getJson(`${sim.graphBaseUrl}/organization`)).status);
      return out;
    } finally {
      await sim.close();
    }
  }

  it('is deterministic for a seed and uses the GET error set', async () => {
    const a = await statuses(42);
    const b = await statuses(42);
    expect(a).toEqual(b);
    const errors = a.filter((s) => s !== 200);
    expect(errors.length).toBeGreaterThan(3);
    expect(errors.length).toBeLessThan(25);
    for (const s of errors) expect([429, 500, 502, 503, 504]).toContain(s);
    expect(await statuses(7)).not.toEqual(a);
  });
});

describe('simulator: latency', () => {
  it('delays every request without blocking concurrent ones', async () => {
    const sim = await start('ready', undefined, 250);
    try {
      const t0 = Date.now();
      const results = await Promise.all(Array.from({ length: 40 }, () => fetch(`${sim.graphBaseUrl}/me`, { headers: AUTH }).then((r) => r.status)));
      const elapsed = Date.now() - t0;
      expect(results.every((s) => s === 200)).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(240);
      expect(elapsed).toBeLessThan(1500);
    } finally {
      await sim.close();
    }
  });
});
