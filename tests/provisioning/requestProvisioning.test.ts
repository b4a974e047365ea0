import { failure } from '../../src/common/outcome';
import { MAX_ADDRESSES_PER_CALL, chunk } from '../../src/provisioning/chunk';
import { requestProvisioning, summarize, unsentAddresses } from '../../src/provisioning/requestProvisioning';
import type { BulkRequestProgress } from '../../src/provisioning/requestProvisioning';
import { FakeRequester, MemoryLog, SharedMemoryLog, fixedClock } from './doubles';

function addresses(n: number, prefix = 'u'): string[] {
  const list: string[] = [];
  for (let i = 0; i < n; i++) list.push(prefix + String(i) + '@contoso.com');
  return list;
}

const accessDeniedIn200 = failure(200, 'Microsoft.SharePoint.SPException', 'Access denied. You do not have permission to perform this action or access this resource.');

describe('chunk', () => {
  it('splits 450 into 199/199/52', () => {
    expect(MAX_ADDRESSES_PER_CALL).toBe(199);
    expect(chunk(addresses(450), MAX_ADDRESSES_PER_CALL).map((c) => c.length)).toEqual([199, 199, 52]);
  });

  it('keeps order and handles exact multiples and empty input', () => {
    expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
    expect(chunk([], 199)).toEqual([]);
    expect(chunk(addresses(398), 199).map((c) => c.length)).toEqual([199, 199]);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });
});

describe('requestProvisioning', () => {
  it('never enqueues twice what another tab or admin requested moments ago: the shared log is read before each chunk', async () => {
    const requester = new FakeRequester();
    const log = new MemoryLog();
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    const all = addresses(250);
    // Another admin's request, written to the shared log a minute earlier, covers u0…u9 and u240…u249.
    log.entries.push({ id: 'other-tab', requestedBy: 'other@contoso.com', requestedAt: '2026-03-01T09:59:00.000Z', emails: all.slice(0, 10).concat(all.slice(240)), result: 'enqueued' });
    // An old (overdue) request and a failed one do not count: those users may be requested again.
    log.entries.push({ id: 'old', requestedBy: 'other@contoso.com', requestedAt: '2026-02-20T09:00:00.000Z', emails: all.slice(10, 20), result: 'enqueued' });
    log.entries.push({ id: 'failed', requestedBy: 'other@contoso.com', requestedAt: '2026-03-01T09:59:30.000Z', emails: all.slice(20, 30), result: 'failed' });

    const state = await requestProvisioning(requester, log, all, { requestedBy: 'admin@contoso.com', now: clock.now });

    const sent = requester.sentAddresses();
    expect(sent).toHaveLength(230);
    expect(new Set(sent).size).toBe(230);
    expect(sent).not.toContain('u0@contoso.com');
    expect(sent).not.toContain('u245@contoso.com');
    expect(sent).toContain('u10@contoso.com');
    expect(sent).toContain('u25@contoso.com');
    expect(state.chunks.map((c) => c.alreadyRequested?.length ?? 0)).toEqual([10, 10]);
    expect(state.chunks.every((c) => c.ok)).toBe(true);
  });

  it('a chunk whose every address was already requested is done without a call', async () => {
    const requester = new FakeRequester();
    const log = new MemoryLog();
    const all = addresses(5);
    log.entries.push({ id: 'other-tab', requestedBy: 'other@contoso.com', requestedAt: '2026-03-01T09:59:00.000Z', emails: all, result: 'enqueued' });
    const state = await requestProvisioning(requester, log, all, { requestedBy: 'admin@contoso.com', now: fixedClock('2026-03-01T10:00:00.000Z').now });
    expect(requester.calls).toHaveLength(0);
    expect(state.chunks[0]).toMatchObject({ ok: true, attempts: 0, alreadyRequested: all });
  });

  it('sends chunks of at most 199, one log entry per chunk', async () => {
    const requester = new FakeRequester();
    const log = new MemoryLog();
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    const progress: BulkRequestProgress[] = [];

    const state = await requestProvisioning(requester, log, addresses(450), {
      requestedBy: 'admin@contoso.com',
      now: clock.now,
      onProgress: (p) => progress.push({ ...p, results: p.results.map((r) => ({ ...r })) }),
    });

    expect(requester.calls.map((c) => c.length)).toEqual([199, 199, 52]);
    expect(requester.sentAddresses()).toEqual(addresses(450));
    expect(state.chunks.map((c) => [c.index, c.emails.length, c.ok, c.attempts])).toEqual([
      [0, 199, true, 1],
      [1, 199, true, 1],
      [2, 52, true, 1],
    ]);
    expect(state.cancelled).toBe(false);
    expect(state.logWarning).toBeUndefined();
    expect(log.entries).toHaveLength(3);
    expect(log.entries[0]).toMatchObject({ requestedBy: 'admin@contoso.com', requestedAt: '2026-03-01T10:00:00.000Z', result: 'enqueued' });
    expect(log.entries[2]!.emails).toEqual(addresses(450).slice(398));
    expect(new Set(log.entries.map((e) => e.id)).size).toBe(3);
    expect(progress.map((p) => [p.chunksDone, p.chunksTotal])).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect(summarize(state)).toEqual({ succeeded: 3, failed: 0, notSent: 0, addressesEnqueued: 450 });
  });

  it('drops blanks and case-insensitive duplicates', async () => {
    const requester = new FakeRequester();
    await requestProvisioning(requester, new MemoryLog(), ['a@contoso.com', ' A@Contoso.com ', '', '  ', 'b@contoso.com'], {
      requestedBy: 'admin',
      now: () => new Date(0),
    });
    expect(requester.calls).toEqual([['a@contoso.com', 'b@contoso.com']]);
  });

  it('records a 200-with-error answer as a failed chunk, in the state and in the log', async () => {
    const requester = new FakeRequester();
    requester.answers.set(1, accessDeniedIn200);
    const log = new MemoryLog();

    const state = await requestProvisioning(requester, log, addresses(450), { requestedBy: 'admin', now: () => new Date('2026-03-01T10:00:00Z') });

    expect(state.chunks.map((c) => c.ok)).toEqual([true, false, true]);
    expect(state.chunks[1]!.failure).toEqual(accessDeniedIn200);
    expect(log.entries.map((e) => e.result)).toEqual(['enqueued', 'failed', 'enqueued']);
    expect(log.entries[1]!.detail).toContain('Access denied');
    expect(unsentAddresses(state)).toEqual(addresses(450).slice(199, 398));
    expect(summarize(state)).toMatchObject({ succeeded: 2, failed: 1, notSent: 0 });
  });

  it('retries only the failed chunks, never re-sending an address that succeeded', async () => {
    const requester = new FakeRequester();
    requester.answers.set(0, failure(403, 'AccessDenied', 'Access denied'));
    requester.answers.set(2, failure(503, 'ServiceUnavailable', 'Busy'));
    const log = new MemoryLog();
    const opts = { requestedBy: 'admin', now: () => new Date('2026-03-01T10:00:00Z') };

    const first = await requestProvisioning(requester, log, addresses(450), opts);
    expect(first.chunks.map((c) => c.ok)).toEqual([false, true, false]);

    const second = await requestProvisioning(requester, log, [], { ...opts, previous: first });
    expect(requester.calls.map((c) => c.length)).toEqual([199, 199, 52, 199, 52]);
    expect(requester.calls[3]).toEqual(first.chunks[0]!.emails);
    expect(requester.calls[4]).toEqual(first.chunks[2]!.emails);
    expect(second.chunks.map((c) => [c.ok, c.attempts])).toEqual([[true, 2], [true, 1], [true, 2]]);
    expect(second.chunks[0]!.failure).toBeUndefined();
    // The earlier state is left as it was.
    expect(first.chunks.map((c) => c.ok)).toEqual([false, true, false]);

    // Nothing left to send: a third call sends nothing.
    const third = await requestProvisioning(requester, log, addresses(450), { ...opts, previous: second });
    expect(requester.calls).toHaveLength(5);
    expect(third.chunks.every((c) => c.ok)).toBe(true);

    const sent = requester.sentAddresses();
    const succeededTwice = addresses(450).filter((a) => sent.filter((s) => s === a).length > 1 && first.chunks[1]!.emails.indexOf(a) >= 0);
    expect(succeededTwice).toEqual([]);
    expect(log.entries.map((e) => e.result)).toEqual(['failed', 'enqueued', 'failed', 'enqueued', 'enqueued']);
  });

  it('adds new addresses to a retry as new chunks, skipping those already part of the request', async () => {
    const requester = new FakeRequester();
    const opts = { requestedBy: 'admin', now: () => new Date(0) };
    const first = await requestProvisioning(requester, new MemoryLog(), ['a@contoso.com', 'b@contoso.com'], opts);
    const second = await requestProvisioning(requester, new MemoryLog(), ['A@contoso.com', 'c@contoso.com'], { ...opts, previous: first });
    expect(requester.calls).toEqual([['a@contoso.com', 'b@contoso.com'], ['c@contoso.com']]);
    expect(second.chunks.map((c) => c.index)).toEqual([0, 1]);
  });

  it('keeps the result when the log cannot be written, warns, and writes the entry with the next call', async () => {
    const requester = new FakeRequester();
    const log = new MemoryLog();
    log.failNext = 1;
    const opts = { requestedBy: 'admin', now: () => new Date('2026-03-01T10:00:00Z') };

    const first = await requestProvisioning(requester, log, addresses(300), opts);
    expect(first.chunks.map((c) => c.ok)).toEqual([true, true]);
    expect(first.unlogged).toHaveLength(1);
    expect(first.unlogged[0]!.emails).toEqual(addresses(300).slice(0, 199));
    expect(first.logFailure).toMatchObject({ status: 503 });
    expect(first.logWarning).toMatch(/1 request\(s\) could not be recorded/);
    expect(first.logWarning).toContain('The log list is unavailable.');
    expect(log.entries).toHaveLength(1);

    const second = await requestProvisioning(requester, log, [], { ...opts, previous: first });
    expect(requester.calls).toHaveLength(2);
    expect(second.unlogged).toEqual([]);
    expect(second.logWarning).toBeUndefined();
    expect(log.entries).toHaveLength(2);
  });

  it('stops before the next chunk when cancelled; the retry sends the rest', async () => {
    const requester = new FakeRequester();
    const controller = new AbortController();
    const opts = { requestedBy: 'admin', now: () => new Date(0) };
    const first = await requestProvisioning(requester, new MemoryLog(), addresses(450), {
      ...opts,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.chunksDone === 1) controller.abort();
      },
    });
    expect(first.cancelled).toBe(true);
    expect(first.chunks.map((c) => [c.ok, c.attempts])).toEqual([[true, 1], [false, 0], [false, 0]]);
    expect(summarize(first)).toMatchObject({ succeeded: 1, failed: 0, notSent: 2 });
    expect(unsentAddresses(first)).toHaveLength(251);

    const second = await requestProvisioning(requester, new MemoryLog(), [], { ...opts, previous: first });
    expect(second.cancelled).toBe(false);
    expect(requester.calls.map((c) => c.length)).toEqual([199, 199, 52]);
  });

  it('turns an exception from the requester into a failed chunk', async () => {
    const requester = new FakeRequester();
    requester.answers.set(0, () => {
      throw new Error('socket hang up');
    });
    const state = await requestProvisioning(requester, new MemoryLog(), ['a@contoso.com'], { requestedBy: 'admin', now: () => new Date(0) });
    expect(state.chunks[0]!.failure).toMatchObject({ status: 0, code: 'UnexpectedError', message: 'socket hang up' });
  });
});

describe('requestProvisioning: the shared turn to send', () => {
  it('waits while another session holds the turn, says for whom, then sends after reading what they logged', async () => {
    const requester = new FakeRequester();
    const log = new SharedMemoryLog();
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    const all = addresses(30);
    const other = { session: 'other', name: 'ben@contoso.com' };
    await log.lease.claim(other, 60000, clock.now());
    const waits: Array<BulkRequestProgress['waitingFor']> = [];
    let sleeps = 0;
    const state = await requestProvisioning(requester, log, all, {
      requestedBy: 'admin@contoso.com',
      session: 'me',
      now: clock.now,
      onProgress: (p) => waits.push(p.waitingFor),
      // The other session sends u0…u9 and logs them while we wait, then gives the turn back.
      sleep: async (ms) => {
        sleeps++;
        expect(ms).toBe(2000);
        clock.advance(ms);
        if (sleeps === 2) {
          log.entries.push({ id: 'theirs', requestedBy: 'ben@contoso.com', requestedAt: clock.now().toISOString(), emails: all.slice(0, 10), result: 'enqueued' });
          await log.lease.release(other);
        }
      },
    });
    expect(sleeps).toBe(2);
    expect(waits.filter((w) => w !== undefined)).toEqual([
      { holder: other, until: '2026-03-01T10:01:00.000Z' },
      { holder: other, until: '2026-03-01T10:01:00.000Z' },
    ]);
    // The wait is over once the turn is ours (the last progress has none).
    expect(waits[waits.length - 1]).toBeUndefined();
    expect(requester.sentAddresses()).toEqual(all.slice(10));
    expect(state.chunks[0]).toMatchObject({ ok: true, alreadyRequested: all.slice(0, 10) });
    // Released after the chunk: the turn is free for the next one.
    expect(log.lease.holder).toBeUndefined();
    expect(state.leaseWarning).toBeUndefined();
  });

  it('claims the turn for every chunk and gives it back after each', async () => {
    const requester = new FakeRequester();
    const log = new SharedMemoryLog();
    const holders: Array<string | undefined> = [];
    const inner = requester.enqueue.bind(requester);
    requester.enqueue = async (emails) => {
      holders.push(log.lease.holder?.session);
      return inner(emails);
    };
    await requestProvisioning(requester, log, addresses(450), { requestedBy: 'admin@contoso.com', session: 'me', now: fixedClock('2026-03-01T10:00:00.000Z').now });
    expect(holders).toEqual(['me', 'me', 'me']);
    expect(log.lease.claims).toBe(3);
    expect(log.lease.holder).toBeUndefined();
  });

  it('cancelled while waiting for the turn: nothing is sent, the chunks stay unsent', async () => {
    const requester = new FakeRequester();
    const log = new SharedMemoryLog();
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    await log.lease.claim({ session: 'other', name: 'ben@contoso.com' }, 60000, clock.now());
    const abort = new AbortController();
    const state = await requestProvisioning(requester, log, addresses(5), {
      requestedBy: 'admin@contoso.com',
      now: clock.now,
      signal: abort.signal,
      sleep: async () => abort.abort(),
    });
    expect(requester.calls).toHaveLength(0);
    expect(state.cancelled).toBe(true);
    expect(summarize(state)).toMatchObject({ notSent: 1, succeeded: 0 });
  });

  it('a turn the log cannot give (the service fails) is reported, and the request goes on', async () => {
    const requester = new FakeRequester();
    const log = new SharedMemoryLog();
    log.lease.failNext = 1;
    const state = await requestProvisioning(requester, log, addresses(5), { requestedBy: 'admin@contoso.com', now: fixedClock('2026-03-01T10:00:00.000Z').now });
    expect(requester.calls).toHaveLength(1);
    expect(state.leaseFailure).toMatchObject({ ok: false, status: 503 });
    expect(state.leaseWarning).toBe(
      'The turn to send could not be claimed in the shared provisioning log (HTTP 503: The log list is unavailable.), so the request went on without it: if another admin requested the same users at that moment, they may have been enqueued twice (harmless: SharePoint skips users who already have a OneDrive or a pending request).',
    );
  });
});
