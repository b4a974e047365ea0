/** @jest-environment node */
/**
 * Two sessions request provisioning for the same users at the same moment — two controllers, each with its own
 * adapters, on one simulator (two tabs of one browser share the tabs' lock over BroadcastChannel; two admins in two
 * browsers share only the SharePoint list: its log and its turn to send, an ETag-guarded lease item). Proven at the
 * HTTP boundary: every address reaches CreatePersonalSiteEnqueueBulk exactly once.
 */
import { generateTenant } from '../../demo/generate';
import type { RunningSimulator, TenantFixture } from '../../demo/simulator';
import { startSimulator } from '../../demo/simulator';
import { ReadinessController } from '../../src/app/controller';
import { createDirectClients } from '../../src/tenant/clients';
import { createTenantPorts, type TenantPorts } from '../../src/tenant/tenantPorts';
import { FAST_RETRY, MemoryStorage, moverSettings } from '../support/tenant';

interface Sent {
  addresses: string[];
  status: number;
}

let sim: RunningSimulator | undefined;
let restoreFetch: (() => void) | undefined;
afterEach(async () => {
  restoreFetch?.();
  restoreFetch = undefined;
  await sim?.close();
  sim = undefined;
});

/** Records the addresses of every CreatePersonalSiteEnqueueBulk call the product sends (whichever session). */
function recordEnqueues(): Sent[] {
  const sent: Sent[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const response = await original(input, init);
    if (/createpersonalsiteenqueuebulk/i.test(url) && typeof init?.body === 'string') {
      const body = JSON.parse(init.body) as { emailIDs: string[] };
      sent.push({ addresses: body.emailIDs, status: response.status });
    }
    return response;
  }) as typeof fetch;
  restoreFetch = () => {
    globalThis.fetch = original;
  };
  return sent;
}

/** A session: its own clients, adapters, storage and controller — as another tab (or another admin) builds them. */
function session(running: RunningSimulator, token: string): { ports: TenantPorts; controller: ReadinessController } {
  const clients = createDirectClients({ graphBaseUrl: running.graphBaseUrl, siteUrl: running.siteUrl, adminUrl: running.spAdminUrl, token, retry: FAST_RETRY });
  const ports = createTenantPorts(clients, new MemoryStorage());
  return { ports, controller: new ReadinessController({ ports }, moverSettings()) };
}

/** ~500 unprovisioned users: three chunks of at most 199; 20 ms a request, so both sessions are in flight together. */
function tenant(): TenantFixture {
  const fixture = generateTenant({ users: 800, unprovisioned: 0.7, seed: 7 });
  fixture.sharePoint.provisioningDelayMs = 600000;
  fixture.simulation = { ...(fixture.simulation ?? {}), latencyMs: 20 };
  return fixture;
}

function countSent(sent: Sent[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const call of sent) {
    for (const address of call.addresses) {
      times.set(address.toLowerCase(), (times.get(address.toLowerCase()) ?? 0) + 1);
    }
  }
  return times;
}

describe('two sessions requesting the same users at once', () => {
  it('two tabs of one browser: every address is sent once, chunk by chunk under the tabs’ lock', async () => {
    sim = await startSimulator({ fixture: tenant() });
    const a = session(sim, 'tab-a');
    const b = session(sim, 'tab-b');
    await a.controller.start();
    const emails = a.controller.getState().rows.map((r) => r.user.upn);
    expect(emails.length).toBeGreaterThan(398);

    const sent = recordEnqueues();
    await Promise.all([a.controller.requestProvisioning(emails), b.controller.requestProvisioning(emails)]);

    const times = countSent(sent);
    expect(times.size).toBe(emails.length);
    expect([...times.values()].every((n) => n === 1)).toBe(true);
    expect(sent.every((call) => call.status === 200)).toBe(true);
    // Each session's chunks are all accounted for: sent by it, or left out because the other had just sent them.
    for (const s of [a, b]) {
      const chunks = s.controller.getState().request.state?.chunks ?? [];
      expect(chunks.every((c) => c.ok)).toBe(true);
    }
    const leftOut = [a, b].flatMap((s) => (s.controller.getState().request.state?.chunks ?? []).flatMap((c) => c.alreadyRequested ?? []));
    expect(leftOut.length).toBe(emails.length);
    // And the shared log tells it: each address in exactly one 'enqueued' entry.
    const log = await a.ports.log.load();
    expect(log.ok).toBe(true);
    if (log.ok) {
      const logged = log.value.filter((e) => e.result === 'enqueued').flatMap((e) => e.emails.map((x) => x.toLowerCase()));
      expect(logged.length).toBe(emails.length);
      expect(new Set(logged).size).toBe(emails.length);
    }
  });

  it('two admins in two browsers (no lock shared): the shared log’s turn to send makes every address go once', async () => {
    sim = await startSimulator({ fixture: tenant() });
    const a = session(sim, 'admin-a');
    const b = session(sim, 'admin-b');
    // Two browsers share no BroadcastChannel: each has a lock of its own; only the SharePoint list is shared.
    const own = (ports: TenantPorts): ReadinessController => new ReadinessController({ ports: { ...ports, requestLock: { exclusive: (work) => work() } } }, moverSettings());
    const ca = own(a.ports);
    const cb = own(b.ports);
    // Both panes started (each knows its admin's name): either may take the turn first.
    await Promise.all([ca.start(), cb.start()]);
    const emails = ca.getState().rows.map((r) => r.user.upn);
    expect(emails.length).toBeGreaterThan(398);
    // What each admin sees while the other holds the turn.
    const waitedFor: string[] = [];
    for (const c of [ca, cb]) {
      c.subscribe(() => {
        const waiting = c.getState().request.progress?.waitingFor;
        if (waiting) {
          waitedFor.push(waiting.holder.name);
        }
      });
    }

    const sent = recordEnqueues();
    await Promise.all([ca.requestProvisioning(emails), cb.requestProvisioning(emails)]);

    const times = countSent(sent);
    expect(times.size).toBe(emails.length);
    expect([...times.values()].every((n) => n === 1)).toBe(true);
    for (const c of [ca, cb]) {
      const state = c.getState().request.state;
      expect(state?.chunks.every((chunk) => chunk.ok)).toBe(true);
      expect(state?.leaseWarning).toBeUndefined();
    }
    const leftOut = [ca, cb].flatMap((c) => (c.getState().request.state?.chunks ?? []).flatMap((chunk) => chunk.alreadyRequested ?? []));
    expect(leftOut.length).toBe(emails.length);
    // The one who waited was told for whom (the other admin's UPN, as the controller records it).
    expect(waitedFor.length).toBeGreaterThan(0);
    const me = ca.getState().facts?.me;
    expect(me?.ok).toBe(true);
    expect(new Set(waitedFor)).toEqual(new Set([me?.ok ? me.value.userPrincipalName : '']));
  });

  it('negative control: the same two admins with the log’s turn hidden send addresses twice — the turn is what prevents it', async () => {
    sim = await startSimulator({ fixture: tenant() });
    const a = session(sim, 'admin-a');
    const b = session(sim, 'admin-b');
    const withoutTurn = (ports: TenantPorts): ReadinessController => {
      const log = ports.log;
      const unshared = { kind: log.kind, load: () => log.load(), append: (entry: Parameters<typeof log.append>[0]) => log.append(entry) };
      return new ReadinessController({ ports: { ...ports, log: unshared, requestLock: { exclusive: (work) => work() } } }, moverSettings());
    };
    const ca = withoutTurn(a.ports);
    const cb = withoutTurn(b.ports);
    await ca.start();
    const emails = ca.getState().rows.map((r) => r.user.upn);
    const sent = recordEnqueues();
    await Promise.all([ca.requestProvisioning(emails), cb.requestProvisioning(emails)]);
    const times = countSent(sent);
    expect(times.size).toBe(emails.length);
    expect([...times.values()].some((n) => n > 1)).toBe(true);
  });

  it('a turn the list refuses to give (503 on the lease item) is said, and the request still goes out', async () => {
    sim = await startSimulator({ fixture: tenant() });
    const a = session(sim, 'admin-a');
    await a.controller.start();
    const emails = a.controller.getState().rows.map((r) => r.user.upn).slice(0, 50);
    // Every read of the lease item fails (the items filter on its title): the list answers 503.
    sim.setFaults([{ match: "GET /_api/web/lists/getbytitle('migration readiness provisioning log')/items?$filter=", status: 503, times: 100 }]);
    const sent = recordEnqueues();
    await a.controller.requestProvisioning(emails);
    const state = a.controller.getState().request.state;
    expect(state?.leaseFailure).toMatchObject({ ok: false, status: 503 });
    expect(state?.leaseWarning).toMatch(/HTTP 503/);
    expect(countSent(sent).size).toBe(50);
  });
});
