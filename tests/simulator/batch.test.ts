/** @jest-environment node */
import type { RunningSimulator } from '../../demo/simulator';
import { expectGraphError, postJson, start } from './support';

interface BatchResponse {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body: unknown }>;
}

describe('simulator: Graph $batch', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('unprovisioned-users');
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.setFaults([]);
    sim.clearLog();
  });

  it('dispatches every item through the same router, each with its own status', async () => {
    const r = await postJson<BatchResponse>(`${sim.graphBaseUrl}/$batch`, {
      requests: [
        { id: '1', method: 'GET', url: `/users/${encodeURIComponent('Adele.Vance@contoso.onmicrosoft.com')}?$select=id,mySite` },
        { id: '2', method: 'GET', url: `/users/${encodeURIComponent("liam.o'brien@contoso.onmicrosoft.com")}?$select=id,mySite` },
        { id: '3', method: 'GET', url: 'users/does-not-exist' },
        { id: '4', method: 'GET', url: '/users/$count', headers: { ConsistencyLevel: 'eventual' } },
      ],
    });
    expect(r.status).toBe(200);
    const byId = new Map(r.body.responses.map((x) => [x.id, x]));
    expect(byId.get('1')?.status).toBe(200);
    expect((byId.get('1')?.body as { mySite: string }).mySite).toMatch(/adele_vance/);
    expect(byId.get('2')?.status).toBe(404);
    expect((byId.get('2')?.body as { error: { code: string; message: string } }).error).toEqual(
      expect.objectContaining({ code: 'ResourceNotFound', message: "User's mysite not found." }),
    );
    expect(byId.get('3')?.status).toBe(404);
    expect(byId.get('4')).toEqual(expect.objectContaining({ status: 200, body: 200 }));

    const inner = sim.log.filter((e) => e.batchId !== undefined);
    expect(inner.map((e) => e.status)).toEqual([200, 404, 404, 200]);
    expect(inner[2]?.path).toBe('/users/does-not-exist');
    expect(new Set(inner.map((e) => e.batchId)).size).toBe(1);
    expect(sim.log.filter((e) => e.batchId === undefined).map((e) => e.path)).toEqual(['/graph/v1.0/$batch']);
  });

  it('accepts at most 20 requests', async () => {
    const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me?$select=id' }));
    const ok = await postJson<BatchResponse>(`${sim.graphBaseUrl}/$batch`, { requests: requests(20) });
    expect(ok.status).toBe(200);
    expect(ok.body.responses).toHaveLength(20);
    expectGraphError(await postJson(`${sim.graphBaseUrl}/$batch`, { requests: requests(21) }), 400, 'BadRequest');
    expectGraphError(await postJson(`${sim.graphBaseUrl}/$batch`, { nope: true }), 400, 'BadRequest');
  });

  it('answers 424 Failed Dependency for items whose dependsOn failed', async () => {
    const r = await postJson<BatchResponse>(`${sim.graphBaseUrl}/$batch`, {
      requests: [
        { id: 'a', method: 'GET', url: '/users/nobody' },
        { id: 'b', method: 'GET', url: '/me', dependsOn: ['a'] },
        { id: 'c', method: 'GET', url: '/me', dependsOn: ['b'] },
        { id: 'd', method: 'GET', url: '/organization' },
        { id: 'e', method: 'GET', url: '/me?$select=id', dependsOn: ['d'] },
      ],
    });
    const status = Object.fromEntries(r.body.responses.map((x) => [x.id, x.status]));
    expect(status).toEqual({ a: 404, b: 424, c: 424, d: 200, e: 200 });
  });

  it('applies faults per item while the outer response stays 200', async () => {
    sim.setFaults([{ match: 'GET /users/', status: 503, times: 2, retryAfterSeconds: 2 }]);
    const r = await postJson<BatchResponse>(`${sim.graphBaseUrl}/$batch`, {
      requests: [
        { id: '1', method: 'GET', url: '/users/nobody' },
        { id: '2', method: 'GET', url: '/me?$select=id' },
        { id: '3', method: 'GET', url: '/users/nobody2' },
        { id: '4', method: 'GET', url: '/users/nobody3' },
      ],
    });
    expect(r.status).toBe(200);
    const byId = new Map(r.body.responses.map((x) => [x.id, x]));
    expect(byId.get('1')?.status).toBe(503);
    expect(byId.get('1')?.headers['Retry-After']).toBe('2');
    expect(byId.get('2')?.status).toBe(200);
    expect(byId.get('3')?.status).toBe(503);
    expect(byId.get('4')?.status).toBe(404); // times: 2 used up
  });

  it('also answers at /graph/$batch (where PnPjs posts when the base URL is not https)', async () => {
    const r = await postJson<BatchResponse>(`${sim.url}/graph/$batch`, { requests: [{ id: '1', method: 'GET', url: '/me?$select=id' }] });
    expect(r.status).toBe(200);
    expect(r.body.responses[0]?.status).toBe(200);
  });
});
