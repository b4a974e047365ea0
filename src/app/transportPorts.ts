/**
 * Ports the controller uses besides the reads and writes themselves: the transport's waits (throttling, backoff), so
 * the admin sees why nothing moves, and a lock shared by the tabs of one browser, so two tabs never send the same
 * provisioning chunk at once. Both composition roots get them from createTenantPorts; either may be absent (a fake
 * port bundle in a test), and then the controller works without them.
 */

/** One wait of the transport before it sends a request again. */
export interface TransportWait {
  /** The HTTP status that made it wait (429 throttled, 503 busy, 500/502/504 transient). */
  status: number;
  /** How long it waits, in whole seconds (rounded up). */
  seconds: number;
  /** Whether Microsoft 365 said how long (a readable Retry-After); false for a backoff of our own. */
  asked: boolean;
  /** When it sends again (ISO 8601). */
  until: string;
  /** The host it waits for (graph.microsoft.com, the admin host…). */
  host: string;
}

export interface TransportWaits {
  /** Calls `listener` each time the transport starts a wait; answers the unsubscribe function. */
  subscribe(listener: (wait: TransportWait) => void): () => void;
}

/** Mutual exclusion across the tabs of one browser, per tenant. */
export interface RequestLock {
  /**
   * Runs `work` while no other tab (or controller) holding this lock runs its own, and answers its result. Waits for
   * the lock first; a signal that fires while waiting rejects with an AbortError without running `work`.
   */
  exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface TransportPorts {
  waits: TransportWaits;
  requestLock: RequestLock;
}
