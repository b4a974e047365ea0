/** @jest-environment node */
/**
 * The simulator must answer what PnPjs (the product's HTTP layer) actually sends: paths, casing, headers, batch urls.
 * These tests drive @pnp/graph and @pnp/sp against the simulator the way a browser composition root would
 * (absolute base URLs + a bearer token), without SPFx.
 */
import { graphfi, GraphBrowser } from '@pnp/graph';
import '@pnp/graph/users';
import '@pnp/graph/batching';
import { InjectHeaders } from '@pnp/queryable';
import { spfi, SPBrowser } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import '@pnp/sp/profiles';
import '@pnp/sp/site-users/web';
import type { RunningSimulator } from '../../demo/simulator';
import { start } from './support';

describe('simulator: driven by PnPjs', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start('unprovisioned-users', (f) => {
      f.sharePoint.provisioningDelayMs = 0;
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  const graph = () => graphfi().using(GraphBrowser({ baseUrl: sim.graphBaseUrl }), InjectHeaders({ Authorization: 'Bearer demo' }));
  const sp = (url: string) => spfi(url).using(SPBrowser({ baseUrl: url }), InjectHeaders({ Authorization: 'Bearer demo' }));

  it('pages users with for await (nextLink) and reads single users', async () => {
    const ids: string[] = [];
    for await (const page of graph().users.select('id', 'userPrincipalName', 'accountEnabled', 'userType', 'assignedPlans').top(75)) {
      for (const u of page as Array<{ id: string }>) ids.push(u.id);
    }
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    const adele = await graph().users.getById('Adele.Vance@contoso.onmicrosoft.com').select('displayName', 'mySite')();
    expect(adele).toEqual(expect.objectContaining({ displayName: 'Adele Vance', mySite: expect.stringContaining('adele_vance') }));
  });

  it('batches single-user mySite reads; each item fails or succeeds on its own', async () => {
    const [batched, execute] = graph().batched();
    const results: Array<Promise<unknown>> = [
      batched.users.getById('Adele.Vance@contoso.onmicrosoft.com').select('id', 'mySite')(),
      batched.users.getById("liam.o'brien@contoso.onmicrosoft.com").select('id', 'mySite')(),
    ];
    await execute();
    const [ok, missing] = await Promise.allSettled(results);
    expect(ok?.status).toBe('fulfilled');
    expect(missing?.status).toBe('rejected');
    expect(String((missing as PromiseRejectedResult).reason)).toMatch(/mysite not found/i);
    expect(sim.log.some((e) => e.batchId !== undefined && e.status === 404)).toBe(true);
  });

  it('ensures the provisioning log list, adds fields and items on the hosting site (request digest included)', async () => {
    const web = sp(sim.siteUrl).web;
    const ensured = await web.lists.ensure('Provisioning log', 'OneDrive provisioning requests', 100);
    expect(ensured.created).toBe(true);
    await web.lists.getByTitle('Provisioning log').fields.addMultilineText('Emails');
    await web.lists.getByTitle('Provisioning log').items.add({ Title: 'request 1', Emails: "liam.o'brien@contoso.onmicrosoft.com" });
    const items = await web.lists.getByTitle('Provisioning log').items.select('Id', 'Title').top(10).orderBy('Id', false)();
    expect(items).toEqual([{ 'odata.etag': '"1"', Id: 1, Title: 'request 1' }]);
    const again = await web.lists.ensure('Provisioning log', 'OneDrive provisioning requests', 100);
    expect(again.created).toBe(false);
    const me = await web.currentUser();
    expect(me.Email).toBe('admin@contoso.onmicrosoft.com');
  });

  it('enqueues personal sites through sp.profiles on the admin site', async () => {
    await sp(sim.spAdminUrl).profiles.createPersonalSiteEnqueueBulk("liam.o'brien@contoso.onmicrosoft.com");
    const after = await graph().users.getById("liam.o'brien@contoso.onmicrosoft.com").select('mySite')();
    expect((after as { mySite: string }).mySite).toMatch(/liam_o_brien/);
    if (process.env.SIM_PRINT_LOG) process.stdout.write(sim.log.map((e) => `${e.method} ${e.path} ${e.status}${e.batchId ? ' (batch)' : ''}`).join('\n') + '\n');
  });
});
