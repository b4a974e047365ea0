/** @jest-environment node */
/**
 * ProvisioningLogStore (src/provisioning/ports.ts): what requestProvisioning and the history pane rely on. The same
 * assertions run against MemoryLog (tests/provisioning/doubles.ts), the store the web part builds (the SharePoint list
 * with its browser fallback) over HTTP, and the browser store over a Storage.
 */
import type { ProvisioningLogEntry, ProvisioningLogStore } from '../../src/provisioning/ports';
import { BrowserLogStore, type KeyValueStorage } from '../../src/tenant/sharepoint/provisioningLog';
import { MemoryLog } from '../provisioning/doubles';
import { createDirectClients } from '../../src/tenant/clients';
import { createTenantPorts } from '../../src/tenant/tenantPorts';
import { FAST_RETRY, MemoryStorage, scenario, startTenant } from '../support/tenant';
import type { Subject } from './support';

interface LogSubject extends Subject {
  log: ProvisioningLogStore;
  /** Another writer of the same log: another admin (the shared list) or another tab (this browser's storage). */
  another(): ProvisioningLogStore;
  /** The next append fails (the service or the storage refuses the write). */
  failNextAppend(): void;
}

async function makeFake(): Promise<LogSubject> {
  const log = new MemoryLog();
  return {
    log,
    // The fake is the shared log itself: the domain's tests write "another tab's" entries into it directly.
    another: () => log,
    failNextAppend: () => {
      log.failNext = 1;
    },
    close: async () => undefined,
  };
}

async function makeAdapter(): Promise<LogSubject> {
  const tenant = await startTenant(scenario('ready'));
  return {
    log: tenant.ports.log,
    another: () => {
      const clients = createDirectClients({ graphBaseUrl: tenant.sim.graphBaseUrl, siteUrl: tenant.sim.siteUrl, adminUrl: tenant.sim.spAdminUrl, token: 'another-admin', retry: FAST_RETRY });
      return createTenantPorts(clients, new MemoryStorage()).log;
    },
    // Writes to the list (its creation, its field, its items) are POSTs under /_api/web/lists.
    failNextAppend: () => tenant.sim.setFaults([{ match: 'POST /_api/web/lists', status: 503, times: 1 }]),
    close: () => tenant.close(),
  };
}

/** A Storage whose next setItem throws, as a full localStorage does (QuotaExceededError). */
class FullOnceStorage implements KeyValueStorage {
  public full = false;
  private readonly inner = new MemoryStorage();
  // eslint-disable-next-line @rushstack/no-new-null -- the Web Storage API's signature.
  public getItem(key: string): string | null {
    return this.inner.getItem(key);
  }
  public setItem(key: string, value: string): void {
    if (this.full) {
      this.full = false;
      throw new Error("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota.");
    }
    this.inner.setItem(key, value);
  }
}

async function makeBrowserStore(): Promise<LogSubject> {
  const storage = new FullOnceStorage();
  const key = 'migration-readiness:provisioning-log:https://contoso.sharepoint.com/sites/migration';
  return {
    log: new BrowserLogStore(storage, key),
    another: () => new BrowserLogStore(storage, key),
    failNextAppend: () => {
      storage.full = true;
    },
    close: async () => undefined,
  };
}

const first: ProvisioningLogEntry = {
  id: 'req-1',
  requestedBy: 'admin@contoso.onmicrosoft.com',
  requestedAt: '2026-11-23T10:00:00.000Z',
  emails: ["liam.o'brien@contoso.onmicrosoft.com", 'zoe.angstrom@contoso.onmicrosoft.com'],
  result: 'enqueued',
};
const second: ProvisioningLogEntry = {
  id: 'req-2',
  requestedBy: 'Zoë Ångström-Müller',
  requestedAt: '2026-11-23T10:05:00.000Z',
  emails: ['李娜@contoso.onmicrosoft.com'],
  result: 'failed',
  detail: '403 -2147024891, System.UnauthorizedAccessException: Access denied. "quoted" <tag>',
};

describe.each([
  ['in-memory fake', makeFake],
  ['PnPjs adapter over the simulator', makeAdapter],
  ['browser store over a Storage', makeBrowserStore],
])('ProvisioningLogStore contract: %s', (_name, make) => {
  let subject: LogSubject | undefined;
  const start = async (): Promise<LogSubject> => {
    subject = await make();
    return subject;
  };
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });

  it('says where the log lives', async () => {
    const s = await start();
    expect(['sharepoint-list', 'browser']).toContain(s.log.kind);
  });

  it('loads an empty log as []', async () => {
    const s = await start();
    expect(await s.log.load()).toEqual({ ok: true, value: [] });
  });

  it('loads an appended entry back exactly, with its optional detail', async () => {
    const s = await start();
    expect(await s.log.append(second)).toEqual({ ok: true, value: undefined });
    expect(await s.log.load()).toEqual({ ok: true, value: [second] });
  });

  it('loads entries in the order they were appended', async () => {
    const s = await start();
    await s.log.append(first);
    await s.log.append(second);
    expect(await s.log.load()).toEqual({ ok: true, value: [first, second] });
  });

  it('loads what another admin or tab appended since the last load (read afresh each time, never cached)', async () => {
    const s = await start();
    expect(await s.log.load()).toEqual({ ok: true, value: [] });
    expect(await s.another().append(first)).toEqual({ ok: true, value: undefined });
    expect(await s.log.load()).toEqual({ ok: true, value: [first] });
    await s.log.append(second);
    expect(await s.another().load()).toEqual({ ok: true, value: [first, second] });
  });

  it('answers an append that could not be written with a failure, not an exception, and does not load that entry', async () => {
    const s = await start();
    await s.log.append(first);
    s.failNextAppend();
    const appended = await s.log.append(second);
    expect(appended).toMatchObject({ ok: false, status: expect.any(Number), code: expect.any(String), message: expect.any(String) });
    expect(await s.log.load()).toEqual({ ok: true, value: [first] });
  });
});
