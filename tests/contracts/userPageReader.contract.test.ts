/** @jest-environment node */
/**
 * UserPageReader (src/provisioning/ports.ts): what the OneDrive scan relies on when it reads the directory page by page.
 * The same assertions run against FakeDirectory (tests/provisioning/doubles.ts) and the Graph adapter over HTTP.
 */
import { failure } from '../../src/common/outcome';
import { DIRECTORY_READ } from '../../src/common/scopes';
import type { UserPageReader } from '../../src/provisioning/ports';
import { FakeDirectory, manyUsers } from '../provisioning/doubles';
import { scenario, startTenant } from '../support/tenant';
import { growUsers, readAllPages, type Subject } from './support';

/** Enough users for three pages of 999 (Graph's largest $top, which the adapter asks for). */
const TOTAL = 2100;

interface ReaderSubject extends Subject {
  reader: UserPageReader;
  /** The id of every user the directory holds. */
  ids: string[];
  /** From now on, reads of the first page are answered with this status. */
  failFirstPage(status: 403 | 503): void;
}

interface Options {
  /** Milliseconds each answer takes (so a read can be cancelled while it is in flight). */
  latencyMs?: number;
}

async function makeFake(options: Options = {}): Promise<ReaderSubject> {
  const users = manyUsers(TOTAL);
  const fake = new FakeDirectory(users, 999, options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {});
  return {
    reader: fake,
    ids: users.map((u) => u.id),
    failFirstPage(status) {
      // As the adapter reports them (see the adapter row): a 403 names the scope, a 503 does not.
      const answer =
        status === 403
          ? failure(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', { missingScope: DIRECTORY_READ })
          : failure(503, 'serviceNotAvailable', 'The service is temporarily unavailable.');
      fake.source.failAt('', answer, 10);
    },
    close: async () => undefined,
  };
}

async function makeAdapter(options: Options = {}): Promise<ReaderSubject> {
  const fixture = growUsers(scenario('ready'), TOTAL);
  if (options.latencyMs !== undefined) {
    fixture.simulation = { ...(fixture.simulation ?? {}), latencyMs: options.latencyMs };
  }
  const tenant = await startTenant(fixture);
  return {
    reader: tenant.ports.directory,
    ids: fixture.users.map((u) => u.id),
    failFirstPage(status) {
      tenant.sim.setFaults([{ match: 'GET /users?', status, retryAfterSeconds: 0 }]);
    },
    close: () => tenant.close(),
  };
}

describe.each([
  ['in-memory fake', makeFake],
  ['PnPjs adapter over the simulator', makeAdapter],
])('UserPageReader contract: %s', (_name, make) => {
  let subject: ReaderSubject | undefined;
  const start = async (options?: Options): Promise<ReaderSubject> => {
    subject = await make(options);
    return subject;
  };
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });

  it('following next from undefined until it is undefined yields every user exactly once', async () => {
    const s = await start();
    const pages = await readAllPages((next) => s.reader.getUsersPage(next));
    const ids = pages.flatMap((p) => p.items.map((u) => u.id));
    expect(pages.length).toBeGreaterThan(1);
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(ids.slice().sort()).toEqual(s.ids.slice().sort());
  });

  it('gives the users in a stable order: two reads give the same sequence', async () => {
    const s = await start();
    const first = (await readAllPages((next) => s.reader.getUsersPage(next))).flatMap((p) => p.items.map((u) => u.id));
    const second = (await readAllPages((next) => s.reader.getUsersPage(next))).flatMap((p) => p.items.map((u) => u.id));
    expect(second).toEqual(first);
  });

  it('continues with an opaque, non-empty string on every page but the last, which has none', async () => {
    const s = await start();
    const pages = await readAllPages((next) => s.reader.getUsersPage(next));
    for (const page of pages.slice(0, -1)) {
      expect(typeof page.next).toBe('string');
      expect((page.next as string).length).toBeGreaterThan(0);
      expect(page.items.length).toBeGreaterThan(0);
    }
    expect(pages[pages.length - 1]).not.toHaveProperty('next');
  });

  it('a continuation it did not hand out is a failure, never an empty last page', async () => {
    const s = await start();
    const page = await s.reader.getUsersPage('not-a-continuation');
    expect(page.ok).toBe(false);
  });

  it('tells the total on the first page only (for progress), and never on later pages', async () => {
    const s = await start();
    const pages = await readAllPages((next) => s.reader.getUsersPage(next));
    expect(pages[0]?.totalEstimate).toBe(TOTAL);
    for (const page of pages.slice(1)) {
      expect(page).not.toHaveProperty('totalEstimate');
    }
  });

  it('a page read from a continuation carries no total either (a resumed scan keeps the one it had)', async () => {
    const s = await start();
    const first = await s.reader.getUsersPage();
    if (!first.ok || first.value.next === undefined) {
      throw new Error('a first page with a continuation is expected');
    }
    const second = await s.reader.getUsersPage(first.value.next);
    expect(second.ok).toBe(true);
    expect(second.ok && second.value).not.toHaveProperty('totalEstimate');
  });

  it('answers a refusal (403) with a failure that has status, code and the scope to approve, not an exception', async () => {
    const s = await start();
    s.failFirstPage(403);
    const page = await s.reader.getUsersPage();
    expect(page).toMatchObject({ ok: false, status: 403, code: expect.any(String), message: expect.any(String), missingScope: DIRECTORY_READ });
  });

  it('answers an unavailable service (503) with a failure that has status and code and names no scope', async () => {
    const s = await start();
    s.failFirstPage(503);
    const page = await s.reader.getUsersPage();
    expect(page).toMatchObject({ ok: false, status: 503, code: expect.any(String), message: expect.any(String) });
    expect(page).not.toHaveProperty('missingScope');
  });

  // The code is not part of the contract: the adapter says 'Cancelled' when the AbortError is an Error of its own realm
  // (a browser page) and 'NetworkError' under jest, whose fetch throws a DOMException of Node's realm. The scan checks
  // its signal itself; what it relies on is that no page comes back.
  it('ends a read whose signal is already aborted with a failure (status 0), not a page', async () => {
    const s = await start();
    const controller = new AbortController();
    controller.abort();
    const page = await s.reader.getUsersPage(undefined, controller.signal);
    expect(page).toMatchObject({ ok: false, status: 0 });
    expect(page).not.toHaveProperty('value');
  });

  it('ends a read cancelled while in flight with a failure (status 0), not a page', async () => {
    const s = await start({ latencyMs: 200 });
    const first = await s.reader.getUsersPage();
    if (!first.ok || first.value.next === undefined) {
      throw new Error('a first page with a continuation is expected');
    }
    const controller = new AbortController();
    const reading = s.reader.getUsersPage(first.value.next, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const page = await reading;
    expect(page).toMatchObject({ ok: false, status: 0 });
    expect(page).not.toHaveProperty('value');
  });
});
