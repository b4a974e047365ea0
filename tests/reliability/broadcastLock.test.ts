/** @jest-environment node */
/**
 * The tabs' lock over a real BroadcastChannel (Node's is the browser's API; lock objects stand for tabs): one holder at
 * a time, a cancelled wait never runs its work, a holder that vanished without letting go is passed over, and a
 * runtime without BroadcastChannel still queues the calls of its own tab.
 */
import { BroadcastLock } from '../../src/tenant/browser/broadcastLock';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
function lockName(): string {
  counter++;
  return `test-lock-${process.pid}-${counter}`;
}

/** Work that records how many run at once. */
function probe(): { inside: number; max: number; order: string[]; work: (label: string, ms: number) => () => Promise<string> } {
  const p = {
    inside: 0,
    max: 0,
    order: [] as string[],
    work: (label: string, ms: number) => async (): Promise<string> => {
      p.inside++;
      p.max = Math.max(p.max, p.inside);
      p.order.push(label);
      await sleep(ms);
      p.inside--;
      return label;
    },
  };
  return p;
}

describe('BroadcastLock: one tab at a time', () => {
  it.each([1, 2, 3, 4, 5])('runs the work of many tabs one after the other, each once (round %i)', async () => {
    const name = lockName();
    const tabs = [0, 1, 2, 3, 4, 5].map(() => new BroadcastLock(name, { settleMs: 30 }));
    const p = probe();
    const results = await Promise.all(tabs.map((tab, i) => tab.exclusive(p.work(`tab${i}`, 20))));
    expect(results).toEqual(['tab0', 'tab1', 'tab2', 'tab3', 'tab4', 'tab5']);
    expect(p.max).toBe(1);
    expect(p.order.slice().sort()).toEqual(['tab0', 'tab1', 'tab2', 'tab3', 'tab4', 'tab5']);
    // Correctness, not speed: on a loaded machine six tabs' claims and back-offs take longer than jest's 5 s default.
  }, 30000);

  it('queues the calls of one tab too, and lets the next go when work fails', async () => {
    const lock = new BroadcastLock(lockName(), { settleMs: 10 });
    const p = probe();
    const failing = lock.exclusive(async () => {
      throw new Error('work failed');
    });
    const second = lock.exclusive(p.work('second', 10));
    await expect(failing).rejects.toThrow('work failed');
    await expect(second).resolves.toBe('second');
  });

  it('a wait that is cancelled never runs its work', async () => {
    const name = lockName();
    const holder = new BroadcastLock(name, { settleMs: 10 });
    const waiter = new BroadcastLock(name, { settleMs: 10 });
    const p = probe();
    const held = holder.exclusive(p.work('holder', 300));
    await sleep(50);
    const abort = new AbortController();
    const waiting = waiter.exclusive(p.work('waiter', 10), abort.signal);
    await sleep(50);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await held;
    expect(p.order).toEqual(['holder']);
  });

  it('passes over a holder not heard of for staleMs (a tab closed while it held the lock)', async () => {
    const name = lockName();
    const gone = new BroadcastChannel(name);
    // A "tab" that said it holds the lock, and then was closed without letting go.
    gone.postMessage({ type: 'held', id: 'closed-tab', at: Date.now() });
    const replyToClaims = (event: MessageEvent): void => {
      const m = event.data as { type: string };
      if (m.type === 'claim') gone.postMessage({ type: 'held', id: 'closed-tab', at: 0 });
    };
    gone.addEventListener('message', replyToClaims);
    const lock = new BroadcastLock(name, { settleMs: 20, staleMs: 300 });
    const started = Date.now();
    const first = lock.exclusive(async () => 'ran');
    await sleep(30);
    // The closed tab answers nothing more from now on.
    gone.removeEventListener('message', replyToClaims);
    gone.close();
    await expect(first).resolves.toBe('ran');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('without BroadcastChannel (an old runtime) it still runs the work, one call of this tab at a time', async () => {
    const lock = new BroadcastLock(lockName(), { openChannel: () => undefined });
    const p = probe();
    await Promise.all([lock.exclusive(p.work('a', 20)), lock.exclusive(p.work('b', 20))]);
    expect(p.max).toBe(1);
  });
});
