import type { RequestLock } from '../../app/transportPorts';
import { abortError, wait } from '../http/retryPolicy';

/** A lock message: a tab claims the lock, out-claims a later claim ("busy"), says it holds it, or lets it go. */
interface LockMessage {
  type: 'claim' | 'busy' | 'held' | 'released';
  /** The sender's id (one per lock object). */
  id: string;
  /** When the sender claimed (epoch ms): the earlier claim wins, ties by id. */
  at: number;
}

/** The BroadcastChannel surface the lock uses (the browser's and Node's are the same). */
export interface LockChannel {
  postMessage(message: LockMessage): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface BroadcastLockOptions {
  /** How long a claim waits for an objection before it holds the lock (default 100 ms). */
  settleMs?: number;
  /** How often the holder says it still holds the lock (default 1 s). */
  heartbeatMs?: number;
  /** A holder not heard of for this long is taken as gone (a closed tab; default 5 s). */
  staleMs?: number;
  /** Opens the channel (default: `new BroadcastChannel(name)` when the runtime has one). */
  openChannel?: (name: string) => LockChannel | undefined;
}

function defaultChannel(name: string): LockChannel | undefined {
  const Channel = (globalThis as { BroadcastChannel?: new (name: string) => LockChannel }).BroadcastChannel;
  return Channel ? new Channel(name) : undefined;
}



function isLockMessage(data: unknown): data is LockMessage {
  const m = data as Partial<LockMessage> | undefined;
  return !!m && typeof m.id === 'string' && typeof m.at === 'number' && (m.type === 'claim' || m.type === 'busy' || m.type === 'held' || m.type === 'released');
}

/** Whether claim a comes before claim b (earlier, then the smaller id). */
function before(a: { at: number; id: string }, b: { at: number; id: string }): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/**
 * RequestLock across the tabs of one browser, over a BroadcastChannel named per tenant (the storage event needs a
 * write per message; a channel needs none). A tab claims, waits `settleMs` for an objection — the holder answers
 * "held", an earlier claim "busy" — and then holds the lock, saying so every `heartbeatMs` until it lets go. A holder not heard of
 * for `staleMs` (its tab was closed) is passed over. Calls within one tab queue behind each other. Where the runtime
 * has no BroadcastChannel, the lock is this tab's only (the shared log, read before each chunk, still keeps other
 * admins' requests out).
 *
 * The channel is open only while a call waits for or holds the lock: an idle tab has nothing to answer.
 */
export class BroadcastLock implements RequestLock {
  private readonly id: string = Math.random().toString(36).slice(2) + Date.now().toString(36);
  private readonly settleMs: number;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly openChannel: (name: string) => LockChannel | undefined;
  /** Calls of this tab, one after the other. */
  private queue: Promise<void> = Promise.resolve();

  public constructor(
    private readonly name: string,
    options: BroadcastLockOptions = {},
  ) {
    this.settleMs = options.settleMs !== undefined ? options.settleMs : 100;
    this.heartbeatMs = options.heartbeatMs !== undefined ? options.heartbeatMs : 1000;
    this.staleMs = options.staleMs !== undefined ? options.staleMs : 5000;
    this.openChannel = options.openChannel || defaultChannel;
  }

  public exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const run = this.queue.then(() => this.acrossTabs(work, signal));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async acrossTabs<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const channel = this.openChannel(this.name);
    if (!channel) {
      if (signal && signal.aborted) {
        throw abortError();
      }
      return work();
    }
    const me = { id: this.id, at: 0 };
    let claiming = false;
    let holding = false;
    let lost = false;
    let holder: { id: string; heard: number } | undefined;
    const post = (type: LockMessage['type']): void => {
      channel.postMessage({ type, id: me.id, at: me.at });
    };
    const onMessage = (event: { data: unknown }): void => {
      const m = event.data;
      if (!isLockMessage(m) || m.id === me.id) {
        return;
      }
      if (m.type === 'claim') {
        if (holding) {
          // We hold it: the claim yields and waits for our release.
          post('held');
        } else if (claiming && before(me, m)) {
          // We claimed first: the later claim yields (and tries again shortly).
          post('busy');
        } else if (claiming) {
          lost = true;
        }
      } else if (m.type === 'busy') {
        // An earlier claim: not a holder yet (it may lose to a still earlier one), so only this claim yields.
        if (claiming) {
          lost = true;
        }
      } else if (m.type === 'held') {
        holder = { id: m.id, heard: Date.now() };
        if (claiming) {
          lost = true;
        }
      } else if (holder && holder.id === m.id) {
        holder = undefined;
      }
    };
    channel.addEventListener('message', onMessage);
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    try {
      for (;;) {
        if (signal && signal.aborted) {
          throw abortError();
        }
        if (holder && Date.now() - holder.heard < this.staleMs) {
          // Someone holds it: look again shortly (a release clears `holder` at once).
          await wait(25 + Math.floor(Math.random() * 50), signal);
          continue;
        }
        holder = undefined;
        me.at = Date.now();
        claiming = true;
        lost = false;
        post('claim');
        await wait(this.settleMs, signal);
        claiming = false;
        if (!lost) {
          break;
        }
        await wait(25 + Math.floor(Math.random() * 50), signal);
      }
      holding = true;
      post('held');
      heartbeat = setInterval(() => post('held'), this.heartbeatMs);
      return await work();
    } finally {
      claiming = false;
      if (heartbeat !== undefined) {
        clearInterval(heartbeat);
      }
      if (holding) {
        holding = false;
        post('released');
      }
      channel.removeEventListener('message', onMessage);
      channel.close();
    }
  }
}
