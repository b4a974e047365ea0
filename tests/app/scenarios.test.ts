/** @jest-environment node */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AppState } from '../../src/app/state';
import { controllerFor, scenario, startTenant, type TestTenant } from '../support/tenant';

const names = readdirSync(path.join(__dirname, '..', '..', 'demo', 'scenarios'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

function settled(state: AppState): boolean {
  return !state.gathering && state.facts !== undefined && !state.scan.running && (state.scan.result !== undefined || state.scan.failure !== undefined);
}

async function runPane(tenant: TestTenant): Promise<AppState> {
  const controller = controllerFor(tenant);
  await controller.start();
  const state = controller.getState();
  if (!settled(state)) {
    throw new Error('the pane did not settle');
  }
  return state;
}

describe('built-in scenarios, end to end through the real adapters and checks', () => {
  it('has the scenarios the preview and scripts rely on', () => {
    expect(names).toEqual(expect.arrayContaining(['ready', 'no-spo-license', 'sharepoint-admin-only', 'admin-unlicensed', 'no-admin-consent', 'assignment-off', 'unprovisioned-users', 'demo']));
  });

  it.each(names)('%s shows the statuses it was built for', async (name) => {
    const fixture = scenario(name);
    const tenant = await startTenant(fixture);
    try {
      const state = await runPane(tenant);
      const statuses: Record<string, string> = {};
      for (const result of state.results) {
        statuses[result.id] = result.status;
      }
      expect(statuses).toEqual(fixture.scenario?.expected);
      if (fixture.scenario?.unprovisionedCount !== undefined) {
        expect(state.rows.filter((r) => r.status.state !== 'provisioned')).toHaveLength(fixture.scenario.unprovisionedCount);
      }
    } finally {
      await tenant.close();
    }
  });
});
