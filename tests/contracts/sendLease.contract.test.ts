/** @jest-environment node */
/**
 * SendLease (src/provisioning/ports.ts): the tenant-wide turn to send provisioning requests. The same assertions run
 * against MemoryLease (tests/provisioning/doubles.ts), which the domain's tests use, and against the lease the web part
 * builds (the SharePoint list's lease item, ETag-guarded) over HTTP — two admins are two independent compositions.
 */
import type { LeaseHolder, ProvisioningLogStore, SendLease } from '../../src/provisioning/ports';
import { createDirectClients } from '../../src/tenant/clients';
import { createTenantPorts } from '../../src/tenant/tenantPorts';
import { MemoryLease } from '../provisioning/doubles';
import { FAST_RETRY, MemoryStorage, scenario, startTenant } from '../support/tenant';
import type { Subject } from './support';

interface LeaseSubject extends Subject {
  /** The lease as one admin's session sees it; `another()` is the same tenant's lease seen by another admin. */
  lease: SendLease;
  another(): SendLease;
  /** The log of the first session (the lease must not show up in it as an entry). */
  log?: ProvisioningLogStore;
}

async function makeFake(): Promise<LeaseSubject> {
  const lease = new MemoryLease();
  return { lease, another: () => lease, close: async () => undefined };
}

async function makeAdapter(): Promise<LeaseSubject> {
  const tenant = await startTenant(scenario('ready'));
  const lease = tenant.ports.log.lease;
  if (!lease) {
    throw new Error('the shared log offers no lease');
  }
  return {
    lease,
    log: tenant.ports.log,
    another: () => {
      const clients = createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'another-admin', retry: FAST_RETRY });
      const other = createTenantPorts(clients, new MemoryStorage()).log.lease;
      if (!other) {
        throw new Error('the shared log offers no lease');
      }
      return other;
    },
    close: () => tenant.close(),
  };
}

const ana: LeaseHolder = { session: 'session-ana', name: 'ana@contoso.onmicrosoft.com' };
const ben: LeaseHolder = { session: 'session-ben', name: 'Ben Ångström-Müller' };
const T0 = new Date('2026-12-02T09:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

describe.each([
  ['in-memory fake', makeFake],
  ['the SharePoint list lease over the simulator', makeAdapter],
])('SendLease contract: %s', (_name, make) => {
  let subject: LeaseSubject | undefined;
  const start = async (): Promise<LeaseSubject> => {
    subject = await make();
    return subject;
  };
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });

  it('gives a free turn to the first claim, until now + the lease time', async () => {
    const s = await start();
    expect(await s.lease.claim(ana, 60000, T0)).toEqual({ ok: true, value: { held: true, until: at(60).toISOString() } });
  });

  it('refuses a held turn to another admin, naming the holder and until when', async () => {
    const s = await start();
    await s.lease.claim(ana, 60000, T0);
    expect(await s.another().claim(ben, 60000, at(10))).toEqual({ ok: true, value: { held: false, holder: ana, until: at(60).toISOString() } });
  });

  it('lets the holder claim again (renewing its turn)', async () => {
    const s = await start();
    await s.lease.claim(ana, 60000, T0);
    expect(await s.lease.claim(ana, 60000, at(30))).toEqual({ ok: true, value: { held: true, until: at(90).toISOString() } });
    expect(await s.another().claim(ben, 60000, at(70))).toMatchObject({ ok: true, value: { held: false, holder: ana } });
  });

  it('frees the turn on release by its holder, and only by its holder', async () => {
    const s = await start();
    await s.lease.claim(ana, 60000, T0);
    expect(await s.another().release(ben, at(5))).toEqual({ ok: true, value: undefined });
    expect(await s.another().claim(ben, 60000, at(6))).toMatchObject({ ok: true, value: { held: false, holder: ana } });
    expect(await s.lease.release(ana, at(7))).toEqual({ ok: true, value: undefined });
    expect(await s.another().claim(ben, 60000, at(8))).toEqual({ ok: true, value: { held: true, until: at(68).toISOString() } });
  });

  it('gives an expired turn (never released: a closed tab) to the next claim', async () => {
    const s = await start();
    await s.lease.claim(ana, 60000, T0);
    expect(await s.another().claim(ben, 60000, at(61))).toEqual({ ok: true, value: { held: true, until: at(121).toISOString() } });
    // The late holder's release leaves the new holder's turn alone.
    await s.lease.release(ana, at(62));
    expect(await s.lease.claim(ana, 60000, at(63))).toMatchObject({ ok: true, value: { held: false, holder: ben } });
  });

  it('of five admins claiming a free turn at the same moment, exactly one gets it', async () => {
    const s = await start();
    const holders: LeaseHolder[] = [0, 1, 2, 3, 4].map((i) => ({ session: `session-${i}`, name: `admin${i}@contoso.onmicrosoft.com` }));
    const leases = holders.map((_, i) => (i === 0 ? s.lease : s.another()));
    const claims = await Promise.all(holders.map((h, i) => (leases[i] as SendLease).claim(h, 60000, T0)));
    const held = claims.filter((c) => c.ok && c.value.held);
    expect(held).toHaveLength(1);
    const winner = holders[claims.findIndex((c) => c.ok && c.value.held)] as LeaseHolder;
    for (const c of claims) {
      expect(c.ok ? c : JSON.stringify(c)).toMatchObject({ ok: true });
      if (c.ok && !c.value.held) {
        expect(c.value.holder).toEqual(winner);
      }
    }
    // And once it is released, the turn is free again for one of the others.
    await (leases[holders.indexOf(winner)] as SendLease).release(winner, at(1));
    const next = holders.find((h) => h !== winner) as LeaseHolder;
    expect(await (leases[holders.indexOf(next)] as SendLease).claim(next, 60000, at(2))).toMatchObject({ ok: true, value: { held: true } });
  });

  it('is not a log entry: the log loads no entry for the lease', async () => {
    const s = await start();
    await s.lease.claim(ana, 60000, T0);
    if (s.log) {
      expect(await s.log.load()).toEqual({ ok: true, value: [] });
    }
  });
});
