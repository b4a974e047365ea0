/** @jest-environment node */
/**
 * The controller always leaves "running": a port that throws (synchronously or by rejecting) where it should answer an
 * Outcome, or answers something gathering cannot use, still ends gathering, the scan and the request in a state the
 * pane shows — with the reason. The other ports are the real adapters over HTTP (the simulator).
 */
import { success } from '../../src/common/outcome';
import { check, controllerFor, expectSettled, scenario, startTenant, type TestTenant } from './support';

let tenant: TestTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const boom = (what: string) => (): never => {
  throw new Error(`${what} exploded`);
};

describe('a port that throws', () => {
  it('gathering: the read that threw is a check that could not tell, with the error; the others are read as usual', async () => {
    tenant = await startTenant(scenario('ready'));
    tenant.ports.directory.getSubscribedSkus = boom('getSubscribedSkus');
    tenant.ports.connector.getAssignments = () => Promise.reject(new Error('getAssignments rejected'));
    const controller = controllerFor(tenant);
    await controller.start();
    expectSettled(controller);
    const spo = check(controller, 'tenant-spo-license');
    expect(spo.status).toBe('unknown');
    expect(spo.evidence.join(' ')).toContain('getSubscribedSkus exploded');
    expect(check(controller, 'connector-user-assignment').status).toBe('unknown');
    expect(check(controller, 'connector-user-assignment').evidence.join(' ')).toContain('getAssignments rejected');
    expect(check(controller, 'admin-role').status).toBe('pass');
    expect(check(controller, 'users-onedrive').status).toBe('pass');
  });

  it('gathering itself breaking on an answer it cannot use: every check says so, none is left running', async () => {
    tenant = await startTenant(scenario('ready'));
    // Not a list where gathering expects one: gathering throws (no read does).
    tenant.ports.connector.findConnectorApps = async () => success(undefined as unknown as []);
    const controller = controllerFor(tenant);
    await controller.start();
    expectSettled(controller);
    const results = controller.getState().results;
    expect(results.filter((r) => r.status === 'unknown').length).toBeGreaterThan(0);
    expect(results.some((r) => r.evidence.join(' ').includes('UnexpectedError'))).toBe(true);
  });

  it('the scan: a users read that throws ends the scan as failed with the error, resumable', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    const real = tenant.ports.directory.getUsersPage.bind(tenant.ports.directory);
    let calls = 0;
    tenant.ports.directory.getUsersPage = (next, signal) => {
      calls++;
      if (calls === 1) throw new Error('getUsersPage exploded');
      return real(next, signal);
    };
    const controller = controllerFor(tenant);
    await controller.start();
    expectSettled(controller);
    expect(controller.getState().scan.failure).toMatchObject({ code: 'UnexpectedError', message: 'getUsersPage exploded' });
    expect(check(controller, 'users-onedrive').status).toBe('unknown');
    expect(check(controller, 'users-onedrive').evidence.join(' ')).toContain('getUsersPage exploded');
    await controller.resumeScan();
    expectSettled(controller);
    expect(controller.getState().scan.result?.unprovisioned).toHaveLength(60);
  });

  it('the personal-site reads (enumeration and per-user) throwing: the scan ends, failed, with the error', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    tenant.ports.sites.getPersonalSitesPage = boom('getPersonalSitesPage');
    const controller = controllerFor(tenant);
    await controller.start();
    expectSettled(controller);
    expect(controller.getState().scan.failure?.message).toBe('getPersonalSitesPage exploded');
  });

  it('the request: a requester and a log that throw end the request, the chunk failed with the error, the log load failure shown', async () => {
    tenant = await startTenant(scenario('unprovisioned-users'));
    const controller = controllerFor(tenant);
    await controller.start();
    const emails = controller.getState().rows.slice(0, 5).map((r) => r.user.upn);
    tenant.ports.requester.enqueue = boom('enqueue');
    tenant.ports.log.append = () => Promise.reject(new Error('append rejected'));
    tenant.ports.log.load = boom('load');
    await controller.requestProvisioning(emails);
    expectSettled(controller);
    const request = controller.getState().request.state;
    expect(request?.chunks[0]?.ok).toBe(false);
    expect(request?.chunks[0]?.failure).toMatchObject({ code: 'UnexpectedError', message: 'enqueue exploded' });
    expect(request?.logWarning).toContain('append rejected');
    expect(controller.getState().log.loadFailure?.message).toBe('load exploded');
  });

  it('a listener that throws does not stop the controller', async () => {
    tenant = await startTenant(scenario('ready'));
    const controller = controllerFor(tenant);
    let calls = 0;
    controller.subscribe(() => {
      calls++;
      if (calls === 3) throw new Error('listener exploded');
    });
    await controller.start();
    expectSettled(controller);
    expect(calls).toBeGreaterThan(3);
  });
});
