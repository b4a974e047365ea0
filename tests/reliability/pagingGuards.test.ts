/**
 * The scan's paging guards, on answers the simulator cannot give (they are the scan's own logic, so in-memory doubles
 * stand in for the adapters): a service that keeps sending new items past its own count (the hard ceiling), pages that
 * bring nothing new under ever-new links (no progress), and the tolerance for a duplicate or empty page now and then.
 */
import { success } from '../../src/common/outcome';
import type { DirectoryUser, Page, PersonalSite } from '../../src/provisioning/ports';
import { scanTenant, type ScanOutcome } from '../../src/provisioning/scan';
import { MAX_STALLED_PAGES } from '../../src/provisioning/scan/chains';
import { ceilingOf } from '../../src/provisioning/scan/checkpoint';
import { FakeDirectory, FakeSites, manyUsers, sitesFor } from '../provisioning/doubles';

function failed(outcome: ScanOutcome): Extract<ScanOutcome, { status: 'failed' }> {
  if (outcome.status !== 'failed') throw new Error('expected a failed scan, got ' + outcome.status);
  return outcome;
}

/** A directory that answers pages of `size` new users for ever, each under a new link, and counts `total` on page 1. */
function endlessDirectory(total: number, size: number): { directory: FakeDirectory; calls: () => number } {
  const directory = new FakeDirectory([]);
  let calls = 0;
  directory.getUsersPage = async (next?: string) => {
    calls++;
    const page = next === undefined ? 0 : Number(next);
    const items = manyUsers(size, `p${page}-`);
    const answer: Page<DirectoryUser> = { items, next: String(page + 1), ...(page === 0 ? { totalEstimate: total } : {}) };
    return success(answer);
  };
  return { directory, calls: () => calls };
}

describe('the hard ceiling: the service’s own count plus a margin', () => {
  it('is the count plus a tenth, at least two pages or 100', () => {
    expect(ceilingOf(undefined, 999)).toBeUndefined();
    expect(ceilingOf(100_000, 999)).toBe(110_000);
    expect(ceilingOf(3000, 999)).toBe(3000 + 1998);
    expect(ceilingOf(10, undefined)).toBe(110);
  });

  it('stops a users read that runs past the directory’s $count, as PagingCeiling naming the page', async () => {
    const { directory, calls } = endlessDirectory(1000, 100);
    const outcome = failed(await scanTenant({ directory, sites: new FakeSites([]) }, {}));
    expect(outcome.source).toBe('users');
    // 1000 + max(100, 200, 100) = 1200: the page that takes it past 1200 is page 13.
    expect(outcome.failure).toMatchObject({ code: 'PagingCeiling', page: 13 });
    expect(outcome.failure.message).toBe('The directory returned more than 1200 users by page 13, past its own count and margin: the read was stopped there, so that it cannot run away.');
    expect(calls()).toBe(13);
    expect(outcome.checkpoint.usersSeen).toBe(1300);
  });

  it('stops a personal-site read past twice the users (OneDrives of deleted users are kept a while)', async () => {
    const users = manyUsers(100);
    const directory = new FakeDirectory(users, 100);
    const sites = new FakeSites([]);
    let calls = 0;
    sites.getPersonalSitesPage = async (next?: string) => {
      calls++;
      // A little slower than the users read, so the users' count is known.
      await new Promise((resolve) => setTimeout(resolve, 2));
      const page = next === undefined ? 0 : Number(next);
      const items: PersonalSite[] = sitesFor(manyUsers(50, `s${page}-`));
      return success({ items, next: String(page + 1) });
    };
    const outcome = failed(await scanTenant({ directory, sites }, {}));
    expect(outcome.source).toBe('sites');
    // 2 × 100 + max(20, 100, 100) = 300 sites: page 7 takes it past.
    expect(outcome.failure).toMatchObject({ code: 'PagingCeiling', page: 7 });
    expect(calls).toBe(7);
  });

  it('does not stop a read within its margin', async () => {
    const users = manyUsers(250);
    const directory = new FakeDirectory(users, 100);
    const outcome = await scanTenant({ directory, sites: new FakeSites(sitesFor(users), 100) }, {});
    expect(outcome.status).toBe('done');
  });
});

describe('no progress: pages that bring nothing new', () => {
  it(`stops after ${MAX_STALLED_PAGES} pages in a row without a new item, under ever-new links`, async () => {
    const directory = new FakeDirectory([]);
    const first = manyUsers(10);
    let calls = 0;
    directory.getUsersPage = async (next?: string) => {
      calls++;
      const page = next === undefined ? 0 : Number(next);
      // Page 1 has ten users; every later page repeats them under a new link.
      return success({ items: first, next: String(page + 1) });
    };
    const outcome = failed(await scanTenant({ directory, sites: new FakeSites([]) }, {}));
    expect(outcome.failure).toMatchObject({ code: 'PagingNoProgress', page: 1 + MAX_STALLED_PAGES });
    expect(calls).toBe(1 + MAX_STALLED_PAGES);
    expect(outcome.checkpoint.usersSeen).toBe(10);
  });

  it('stops empty pages with new links too', async () => {
    const directory = new FakeDirectory([]);
    directory.getUsersPage = async (next?: string) => success({ items: [], next: String((next === undefined ? 0 : Number(next)) + 1) });
    const outcome = failed(await scanTenant({ directory, sites: new FakeSites([]) }, {}));
    expect(outcome.failure.code).toBe('PagingNoProgress');
  });

  it('tolerates an empty or repeated page now and then, and counts each user once', async () => {
    const users = manyUsers(40);
    const pages: Page<DirectoryUser>[] = [
      { items: users.slice(0, 10), next: 'a' },
      { items: [], next: 'b' },
      { items: users.slice(0, 10), next: 'c' },
      { items: users.slice(10, 20), next: 'd' },
      { items: users.slice(10, 40), next: undefined },
    ];
    const directory = new FakeDirectory([]);
    directory.getUsersPage = async (next?: string) => success(pages[next === undefined ? 0 : 'abcd'.indexOf(next) + 1] as Page<DirectoryUser>);
    const outcome = await scanTenant({ directory, sites: new FakeSites(sitesFor(users.slice(0, 30))) }, {});
    expect(outcome.status).toBe('done');
    if (outcome.status === 'done') {
      expect(outcome.result.considered).toBe(40);
      expect(outcome.result.unprovisioned).toHaveLength(10);
    }
  });
});
