/** @jest-environment node */
/**
 * The migration list through the pane's controller, the real PnPjs adapters and the tenant simulator over HTTP: a list
 * dropped before the scan ends waits for it, gets its verdicts, and its not-provisioned rows go through the existing
 * provisioning request (log, tracking) and come back as requested.
 */
import type { ReadinessController } from '../../src/app/controller';
import type { MigrationListView } from '../../src/migrationList/types';
import { notProvisionedPositions, requestAddresses } from '../../src/migrationList/exports';
import { controllerFor, scenario, startTenant, type TestTenant } from '../support/tenant';

const DOMAIN = 'contoso.onmicrosoft.com';

async function until(controller: ReadinessController, done: (view: MigrationListView) => boolean, timeoutMs = 20000): Promise<MigrationListView> {
  const started = Date.now();
  for (;;) {
    const view = controller.getState().migrationList;
    if (done(view)) {
      return view;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`the migration list stayed in ${view.phase}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the migration list in the pane', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  it('checks a dropped list against the scan and the directory, then requests its not-provisioned rows', async () => {
    const fixture = scenario('unprovisioned-users');
    fixture.users.find((u) => u.userPrincipalName === `sofia.tanaka77@${DOMAIN}`)!.proxyAddresses = ['smtp:sofia.t@contoso.com'];
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    const started = controller.start();
    const list = [
      'Source,Destination',
      `s1@old.example,ADRIAN.FISCHER167@${DOMAIN}`,
      's2@old.example,Sofia.T@contoso.com',
      `s3@old.example,maya.kim82@${DOMAIN}`,
      's4@old.example,hannah.kumar127@partner.example',
      `s5@old.example,noah.lopez39@${DOMAIN}`,
      `s6@old.example,mateo.gonzalez96@${DOMAIN}`,
      's7@old.example,nobody@contoso.com',
      `s8@old.example,adrian.fischer167@${DOMAIN}`,
      's9@old.example,n/a',
    ].join('\r\n');
    await controller.loadMigrationList({ fileName: 'mapping.csv', bytes: new TextEncoder().encode(list) });
    await started;
    const view = await until(controller, (v) => v.phase === 'done');
    expect(view.resolutions!.map((r) => r.verdict)).toEqual(['not-provisioned', 'not-provisioned', 'ready', 'guest', 'disabled', 'unlicensed', 'not-found', 'duplicate', 'invalid']);
    // Only what the scan does not hold went to the directory: one $batch per lookup stage.
    const lookups = tenant.sim.log.filter((e) => e.batchId !== undefined && /\$filter=/.test(e.path)).map((e) => decodeURIComponent(e.path));
    expect(lookups.some((p) => /adrian\.fischer167|maya\.kim82/i.test(p))).toBe(false);
    expect(lookups.some((p) => p.indexOf("proxyAddresses/any(p:p eq 'smtp:sofia.t@contoso.com')") >= 0)).toBe(true);

    const upns = requestAddresses(view.resolutions!, notProvisionedPositions(view.resolutions!));
    expect(upns).toEqual([`adrian.fischer167@${DOMAIN}`, `sofia.tanaka77@${DOMAIN}`]);
    await controller.requestProvisioning(upns);
    const after = await until(controller, (v) => v.phase === 'done' && v.resolutions![0]!.verdict === 'requested');
    expect(after.resolutions!.map((r) => r.verdict).slice(0, 2)).toEqual(['requested', 'requested']);
    expect(after.counts).toMatchObject({ requested: 2, 'not-provisioned': 0 });
  });

  it('a malformed file is a message naming the line, and the rest of the pane is untouched', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    const controller = controllerFor(tenant);
    await controller.start();
    const before = controller.getState();
    await controller.loadMigrationList({ fileName: 'bad.csv', text: 'Destination\n"ann@contoso.com\n' });
    const view = controller.getState().migrationList;
    expect(view).toMatchObject({ phase: 'failed', error: { kind: 'unterminated-quote', line: 2 } });
    expect(controller.getState().results).toBe(before.results);
    expect(controller.getState().rows).toBe(before.rows);
    controller.clearMigrationList();
    expect(controller.getState().migrationList).toEqual({ phase: 'empty' });
  });
});
