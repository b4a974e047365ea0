/** @jest-environment node */
/**
 * Every paging fault kind on a multi-page tenant, through the real adapters and controller over HTTP: the pane
 * finishes (nothing left running), shows the right count or says plainly that it is incomplete, and never sends a
 * request to a foreign origin.
 */
import { FOREIGN_ORIGIN, type PagingFault } from '../../demo/simulator';
import type { ScanResult } from '../../src/provisioning/scan';
import { check, controllerFor, expectSettled, originsOf, pagedTenant, recordingFetch, startTenant, type TestTenant } from './support';

/** Ground truth of unprovisioned-users (scenario.unprovisionedCount and the fault-free run below agree). */
const UNPROVISIONED = 60;
const CONSIDERED = 176;

let tenant: TestTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

async function run(faults: PagingFault[], name?: string) {
  tenant = await startTenant(pagedTenant(faults, name));
  const controller = controllerFor(tenant);
  const { urls } = await recordingFetch(() => controller.start());
  return { controller, urls, sim: tenant.sim };
}

function resultOf(controller: ReturnType<typeof controllerFor>): ScanResult {
  const result = controller.getState().scan.result;
  if (!result) throw new Error('no scan result: ' + JSON.stringify(controller.getState().scan.failure));
  return result;
}

describe('paging faults on the users read (200 users, 4 pages of 50)', () => {
  it('reads the tenant fault-free in pages: the baseline', async () => {
    const { controller, sim } = await run([]);
    expectSettled(controller);
    expect(resultOf(controller).unprovisioned).toHaveLength(UNPROVISIONED);
    expect(resultOf(controller).considered).toBe(CONSIDERED);
    expect(sim.log.filter((e) => e.path.startsWith('/graph/v1.0/users?'))).toHaveLength(4);
  });

  it('cycle: stops at the page that points back, says "paging loop at page 3", shows no count as whole', async () => {
    const { controller, sim } = await run([{ collection: 'users', kind: 'cycle', page: 2 }]);
    expectSettled(controller);
    const failure = controller.getState().scan.failure;
    expect(failure).toMatchObject({ code: 'PagingLoop', page: 3 });
    const usersOneDrive = check(controller, 'users-onedrive');
    expect(usersOneDrive.status).toBe('unknown');
    expect(usersOneDrive.evidence[0]).toBe('The service returned a paging loop at page 3 — the count below is incomplete.');
    expect(usersOneDrive.evidence.join(' ')).toMatch(/Incomplete: 100 of the 200 directory user\(s\) read before the read stopped/);
    expect(usersOneDrive.evidence[1]).toBe('The next link of page 3 pointed back to a page already read: the read was stopped there, to avoid an endless loop. (PagingLoop)');
    expect(controller.getState().scan.result).toBeUndefined();
    // Pages 1, 2, 3 — and not one page more.
    expect(sim.log.filter((e) => e.path.startsWith('/graph/v1.0/users?'))).toHaveLength(3);
  });

  it('foreign-host: the next link to another host is never requested; the check says where it stopped', async () => {
    const { controller, urls } = await run([{ collection: 'users', kind: 'foreign-host', page: 2 }]);
    expectSettled(controller);
    expect(urls.filter((u) => u.startsWith(FOREIGN_ORIGIN))).toEqual([]);
    expect(originsOf(urls)).toEqual([new URL(tenant!.sim.url).origin]);
    expect(controller.getState().scan.failure).toMatchObject({ code: 'ForeignNextLink', page: 2 });
    const usersOneDrive = check(controller, 'users-onedrive');
    expect(usersOneDrive.status).toBe('unknown');
    expect(usersOneDrive.evidence[0]).toMatch(/^The service pointed the page after page 2 to another host; it was not followed .* the count below is incomplete\.$/);
  });

  it('stall: page 2 served again and again under ever-new links — stopped after 3 pages without progress, not one page more', async () => {
    const { controller, sim } = await run([{ collection: 'users', kind: 'stall', page: 2 }]);
    expectSettled(controller);
    expect(controller.getState().scan.failure).toMatchObject({ code: 'PagingNoProgress' });
    expect(check(controller, 'users-onedrive').status).toBe('unknown');
    expect(controller.getState().scan.result).toBeUndefined();
    // Page 1, page 2, then page 2 three more times (three pages in a row with nothing new): five reads.
    expect(sim.log.filter((e) => e.path.startsWith('/graph/v1.0/users?'))).toHaveLength(5);
  });

  it('duplicate-page: the same 50 users twice are counted once — the right count', async () => {
    const { controller, sim } = await run([{ collection: 'users', kind: 'duplicate-page', page: 2 }]);
    expectSettled(controller);
    expect(sim.log.filter((e) => e.path.startsWith('/graph/v1.0/users?'))).toHaveLength(5);
    expect(resultOf(controller).considered).toBe(CONSIDERED);
    expect(resultOf(controller).unprovisioned).toHaveLength(UNPROVISIONED);
    expect(check(controller, 'users-onedrive').evidence[0]).toContain(`${CONSIDERED} licensed, enabled member user(s) checked: ${UNPROVISIONED} without a OneDrive`);
  });

  it('missing-upn: page 3’s users are counted apart as "could not be checked", never as unprovisioned', async () => {
    const clean = await run([]);
    const baseline = resultOf(clean.controller);
    await tenant!.close();
    const fixture = pagedTenant([]);
    const page3 = new Set(fixture.users.slice(100, 150).map((u) => u.id));

    const { controller } = await run([{ collection: 'users', kind: 'missing-upn', page: 3 }]);
    expectSettled(controller);
    const result = resultOf(controller);
    const unprovisionedOffPage3 = baseline.unprovisioned.filter((u) => !page3.has(u.id));
    expect(result.considered).toBe(CONSIDERED);
    expect(result.unprovisioned.map((u) => u.id).sort()).toEqual(unprovisionedOffPage3.map((u) => u.id).sort());
    expect(result.undetermined.length).toBeGreaterThan(0);
    expect(result.undetermined.every((u) => page3.has(u.id))).toBe(true);
    expect(result.undeterminedReason?.code).toBe('MissingUserPrincipalName');
    const usersOneDrive = check(controller, 'users-onedrive');
    expect(usersOneDrive.evidence.join(' ')).toContain(`${result.undetermined.length} user(s) could not be checked (HTTP 200, MissingUserPrincipalName`);
  });

  it.each([
    ['invalid-json', 'MalformedAnswer'],
    ['error-body-200', 'MalformedAnswer'],
  ] as const)('%s: page 2 is not a page — a typed failure naming page 2, the count incomplete, resumable', async (kind, code) => {
    const { controller } = await run([{ collection: 'users', kind, page: 2, times: 1 }]);
    expectSettled(controller);
    expect(controller.getState().scan.failure).toMatchObject({ code, page: 2 });
    const usersOneDrive = check(controller, 'users-onedrive');
    expect(usersOneDrive.status).toBe('unknown');
    expect(usersOneDrive.evidence[0]).toBe('The service answered page 2 with something that is not a page (cut short, or an error in a success) — the count below is incomplete.');
    // The fault was once: resuming reads page 2 again and finishes with the right count.
    await controller.resumeScan();
    expectSettled(controller);
    expect(resultOf(controller).unprovisioned).toHaveLength(UNPROVISIONED);
  });
});

describe('paging faults on the personal-site enumeration (116 sites, 3 pages of 50)', () => {
  it('cycle: stops at page 3, the check says so', async () => {
    const { controller } = await run([{ collection: 'personalSites', kind: 'cycle', page: 2 }]);
    expectSettled(controller);
    expect(controller.getState().scan.failure).toMatchObject({ code: 'PagingLoop', page: 3 });
    expect(check(controller, 'users-onedrive').evidence[0]).toBe('The service returned a paging loop at page 3 — the count below is incomplete.');
  });

  it('duplicate-page: counted once — the right count', async () => {
    const { controller } = await run([{ collection: 'personalSites', kind: 'duplicate-page', page: 1 }]);
    expectSettled(controller);
    expect(resultOf(controller).unprovisioned).toHaveLength(UNPROVISIONED);
    expect(resultOf(controller).provisionedCount).toBe(CONSIDERED - UNPROVISIONED);
  });

  it('missing-upn (sites without Owner): the unmatched users are checked one by one — the right count, and a notice', async () => {
    const { controller, sim } = await run([{ collection: 'personalSites', kind: 'missing-upn', page: 1 }]);
    expectSettled(controller);
    const result = resultOf(controller);
    expect(result.unprovisioned).toHaveLength(UNPROVISIONED);
    expect(result.sitesWithoutOwner).toBe(50);
    expect(result.ownerlessNotice).toMatch(/listed 50 OneDrive\(s\) without an owner/);
    expect(sim.log.some((e) => e.batchId !== undefined && /mySite/.test(e.path))).toBe(true);
  });

  it('invalid-json: a typed failure naming page 2, the count incomplete', async () => {
    const { controller } = await run([{ collection: 'personalSites', kind: 'invalid-json', page: 2 }]);
    expectSettled(controller);
    expect(controller.getState().scan.failure).toMatchObject({ code: 'MalformedAnswer', page: 2 });
    expect(check(controller, 'users-onedrive').status).toBe('unknown');
  });

  it('error-body-200 (a CSOM ErrorInfo): the scan checks users one by one instead — the right count', async () => {
    const { controller } = await run([{ collection: 'personalSites', kind: 'error-body-200', page: 2 }]);
    expectSettled(controller);
    const result = resultOf(controller);
    expect(result.method).toBe('per-user');
    expect(result.unprovisioned).toHaveLength(UNPROVISIONED);
  });
});

describe('paging faults on the connector’s grants (one grant a page)', () => {
  it.each([
    ['cycle', 1, 'PagingLoop'],
    ['foreign-host', 1, 'ForeignNextLink'],
    ['invalid-json', 2, 'MalformedAnswer'],
    ['error-body-200', 2, 'MalformedAnswer'],
  ] as const)('%s: the consent check could not tell, with the reason; nothing else is affected', async (kind, page, code) => {
    const { controller, urls } = await run([{ collection: 'oauth2PermissionGrants', kind, page }], 'ready');
    expectSettled(controller);
    expect(urls.filter((u) => u.startsWith(FOREIGN_ORIGIN))).toEqual([]);
    const consent = check(controller, 'connector-consent');
    expect(consent.status).toBe('unknown');
    expect(consent.evidence.join(' ')).toContain(code);
    expect(check(controller, 'users-onedrive').status).toBe('pass');
  });

  it('stall: the grants page served for ever under new links — stopped as "no progress", consent could not tell', async () => {
    const { controller, sim } = await run([{ collection: 'oauth2PermissionGrants', kind: 'stall', page: 1 }], 'ready');
    expectSettled(controller);
    const consent = check(controller, 'connector-consent');
    expect(consent.status).toBe('unknown');
    expect(consent.evidence.join(' ')).toContain('PagingNoProgress');
    // The first page, then three copies that bring nothing new: four reads, then the read stops.
    expect(sim.log.filter((e) => e.path.startsWith('/graph/v1.0/oauth2PermissionGrants'))).toHaveLength(4);
    expect(check(controller, 'users-onedrive').status).toBe('pass');
  });

  it('duplicate-page: the same grant twice changes nothing — consent passes', async () => {
    const { controller } = await run([{ collection: 'oauth2PermissionGrants', kind: 'duplicate-page', page: 1 }], 'ready');
    expectSettled(controller);
    expect(check(controller, 'connector-consent').status).toBe('pass');
  });
});
