/** @jest-environment node */
/**
 * Throttling the admin can see, through the real transport (ThrottlingRetry) and controller over HTTP: each wait is
 * told to the pane as it starts ("Microsoft 365 asked us to wait N s (throttled) — continuing at hh:mm:ss"), on the
 * scan and on the users-onedrive check; a Retry-After longer than the transport waits on its own is not retried early,
 * and the scan offers "wait and continue" from its checkpoint, with the time it continues at.
 */
import { clockTime } from '../../src/common/format';
import type { AppState } from '../../src/app/state';
import { askedWaitSeconds, UNREAD_RETRY_AFTER_SECONDS } from '../../src/app/scanWait';
import { failure } from '../../src/common/outcome';
import { check, controllerFor, expectSettled, pagedTenant, scenario, startTenant, type TestTenant } from './support';

let tenant: TestTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/** Every state the controller publishes while `run` runs. */
async function watch(controller: ReturnType<typeof controllerFor>, run: () => Promise<void>): Promise<AppState[]> {
  const states: AppState[] = [];
  const stop = controller.subscribe((s) => states.push(s));
  try {
    await run();
  } finally {
    stop();
  }
  return states;
}

describe('the transport tells every wait, and the pane shows it', () => {
  it('a 429 with Retry-After: "Microsoft 365 asked us to wait 1 s (throttled) — continuing at hh:mm:ss", then the scan completes', async () => {
    tenant = await startTenant(pagedTenant([]));
    const controller = controllerFor(tenant);
    await controller.recheck();
    tenant.sim.setFaults([{ match: 'GET /users?', status: 429, times: 1, retryAfterSeconds: 1 }]);
    const started = Date.now();
    const states = await watch(controller, () => controller.rescan());
    expectSettled(controller);
    expect(controller.getState().scan.result?.unprovisioned).toHaveLength(60);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

    const waiting = states.find((s) => s.scan.running && s.scan.wait !== undefined);
    expect(waiting?.scan.wait).toMatchObject({ status: 429, seconds: 1, asked: true, host: new URL(tenant.sim.url).host });
    const wait = waiting?.scan.wait;
    if (!wait) return;
    // Retry-After 1 s and the transport's 50 ms margin: it sends again a little after 1 s.
    const until = Date.parse(wait.until);
    expect(until - started).toBeGreaterThanOrEqual(1000);
    const usersOneDrive = waiting?.results.find((r) => r.id === 'users-onedrive');
    expect(usersOneDrive?.running).toBe(true);
    expect(usersOneDrive?.evidence).toContain(`Microsoft 365 asked us to wait 1 s (throttled) — continuing at ${clockTime(wait.until)}.`);
    // Once the wait is over the notice goes.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(controller.getState().wait).toBeUndefined();
  });

  it('a 503 without Retry-After is a backoff of ours, shown as such', async () => {
    tenant = await startTenant(pagedTenant([]));
    const controller = controllerFor(tenant);
    await controller.recheck();
    tenant.sim.setFaults([{ match: 'POST /sp-admin/_vti_bin', status: 503, times: 2 }]);
    const states = await watch(controller, () => controller.rescan());
    expectSettled(controller);
    const waits = states.map((s) => s.scan.wait).filter((w) => w !== undefined);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatchObject({ status: 503, asked: false, seconds: 1 });
    const usersOneDrive = states.find((s) => s.scan.wait !== undefined)?.results.find((r) => r.id === 'users-onedrive');
    expect(usersOneDrive?.evidence.join(' ')).toMatch(/Microsoft 365 is busy \(HTTP 503\) — waiting 1 s before trying again, continuing at \d\d:\d\d:\d\d\./);
  });
});

describe('a Retry-After longer than the transport waits on its own: wait and continue', () => {
  // The tests' retry policy waits at most 1.5 s (production: 60 s); a 3 s Retry-After stands for a 90 s one.
  const ASKED = 3;

  async function throttledScan(): Promise<ReturnType<typeof controllerFor>> {
    tenant = await startTenant(pagedTenant([]));
    const controller = controllerFor(tenant);
    await controller.recheck();
    // Page 2 of the users read is throttled for longer than the transport would wait (the rule is set once page 1 is in).
    const sim = tenant.sim;
    let armed = false;
    const stop = controller.subscribe((s) => {
      if (!armed && (s.scan.progress?.userPagesDone ?? 0) >= 1) {
        armed = true;
        sim.setFaults([{ match: 'GET /users?', status: 429, times: 1, retryAfterSeconds: ASKED }]);
      }
    });
    sim.clearLog();
    await controller.rescan();
    stop();
    return controller;
  }

  it('is not retried early: the answer comes back at once as a throttled failure with the wait asked, and the scan offers to wait', async () => {
    const controller = await throttledScan();
    expectSettled(controller);
    const scan = controller.getState().scan;
    expect(scan.failure).toMatchObject({ status: 429, retryAfterSeconds: ASKED });
    expect(scan.checkpoint?.userPagesDone).toBe(1);
    expect(askedWaitSeconds(scan.failure)).toBe(ASKED);
    // One 429, no early retry (which would have earned a fresh 429).
    expect(tenant!.sim.log.filter((e) => e.status === 429)).toHaveLength(1);
    const usersOneDrive = check(controller, 'users-onedrive');
    expect(usersOneDrive.status).toBe('unknown');
    expect(usersOneDrive.nextStep).toContain(`${ASKED}`);
  });

  it('resumes from the checkpoint once the asked wait is over, with the time it continues at, and completes', async () => {
    const controller = await throttledScan();
    tenant!.sim.clearLog();
    const asked = Date.now();
    const states: AppState[] = [];
    const stop = controller.subscribe((s) => states.push(s));
    await controller.resumeScan();
    stop();
    expectSettled(controller);
    expect(controller.getState().scan.result?.unprovisioned).toHaveLength(60);
    // It waited as asked, showing when it would continue, and sent nothing in the meantime.
    const resumeAt = states.find((s) => s.scan.resumeAt !== undefined)?.scan.resumeAt;
    expect(resumeAt).toBeDefined();
    expect(Date.parse(resumeAt as string) - asked).toBeGreaterThanOrEqual(ASKED * 1000 - 50);
    const firstCall = Math.min(...tenant!.sim.log.map((e) => e.at));
    expect(firstCall - asked).toBeGreaterThanOrEqual(ASKED * 1000 - 50);
    expect(tenant!.sim.log.filter((e) => e.status === 429)).toHaveLength(0);
    // Only the pages not read yet: the first users page is not read again.
    expect(tenant!.sim.log.filter((e) => /\/users\?/.test(e.path) && !/skiptoken/.test(e.path))).toHaveLength(0);
    expect(controller.getState().scan.resumeAt).toBeUndefined();
  });

  it('can be cancelled while it waits, or continued at once', async () => {
    const controller = await throttledScan();
    const waiting = controller.resumeScan();
    expect(controller.getState().scan.resumeAt).toBeDefined();
    controller.cancelScan();
    await waiting;
    expect(controller.getState().scan.resumeAt).toBeUndefined();
    expect(controller.getState().scan.running).toBe(false);
    expect(controller.getState().scan.failure?.status).toBe(429);

    const again = controller.resumeScan();
    expect(controller.getState().scan.resumeAt).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, ASKED * 1000));
    // "Continue now" (the same action, during the wait) resumes without waiting longer.
    const now = controller.resumeScan();
    await Promise.all([again, now]);
    expectSettled(controller);
    expect(controller.getState().scan.result?.unprovisioned).toHaveLength(60);
  });
});

describe('how long to wait', () => {
  it('is the Retry-After asked, else 120 s after a 429 or 503 whose Retry-After could not be read, else none', () => {
    expect(askedWaitSeconds(failure(429, 'TooManyRequests', 'x', { retryAfterSeconds: 90 }))).toBe(90);
    expect(askedWaitSeconds(failure(429, 'TooManyRequests', 'x'))).toBe(UNREAD_RETRY_AFTER_SECONDS);
    expect(askedWaitSeconds(failure(503, 'serviceNotAvailable', 'x'))).toBe(UNREAD_RETRY_AFTER_SECONDS);
    expect(askedWaitSeconds(failure(500, 'generalException', 'x'))).toBeUndefined();
    expect(askedWaitSeconds(undefined)).toBeUndefined();
  });
});

describe('throttled items inside a Graph $batch (the per-user reads)', () => {
  /** admin-host-blocked: the admin host never answers, so each user's OneDrive is read through Graph $batch. */
  async function perUserTenant(): Promise<ReturnType<typeof controllerFor>> {
    tenant = await startTenant(scenario('admin-host-blocked'));
    const controller = controllerFor(tenant);
    await controller.recheck();
    return controller;
  }

  it('an item’s Retry-After (readable: it is in the $batch body) is waited, and the wait is shown', async () => {
    const controller = await perUserTenant();
    tenant!.sim.setFaults([{ match: 'GET /users/', status: 429, times: 1, retryAfterSeconds: 1 }]);
    const states = await watch(controller, () => controller.rescan());
    expectSettled(controller);
    expect(controller.getState().scan.result?.method).toBe('per-user');
    expect(controller.getState().scan.result?.unprovisioned).toHaveLength(60);
    expect(controller.getState().scan.result?.undetermined).toHaveLength(0);
    const wait = states.map((s) => s.scan.wait).find((w) => w !== undefined);
    expect(wait).toMatchObject({ status: 429, seconds: 1, asked: true, host: new URL(tenant!.sim.graphBaseUrl).host });
  });

  it('an item throttled for longer than the policy waits stops the scan, resumable after the asked wait — never "could not tell"', async () => {
    const controller = await perUserTenant();
    tenant!.sim.setFaults([{ match: 'GET /users/', status: 429, times: 1, retryAfterSeconds: 3 }]);
    await controller.rescan();
    expectSettled(controller);
    expect(controller.getState().scan.failure).toMatchObject({ status: 429, retryAfterSeconds: 3 });
    expect(controller.getState().scan.failureSource).toBe('per-user');
    await controller.resumeScan();
    expectSettled(controller);
    expect(controller.getState().scan.result?.unprovisioned).toHaveLength(60);
    expect(controller.getState().scan.result?.undetermined).toHaveLength(0);
  });
});
