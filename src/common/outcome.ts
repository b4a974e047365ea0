/**
 * Every call to the tenant ends as an Outcome: a value, or a typed failure that the UI can show
 * with its reason and a next step. Adapters never let an exception escape to the page.
 */
export interface Failure {
  ok: false;
  /** HTTP status (0 when the request never got an answer, e.g. network error or cancelled). */
  status: number;
  /** Service error code, e.g. "Authorization_RequestDenied", "ResourceNotFound", "TooManyRequests". */
  code: string;
  /** Service (or network) message, as returned. */
  message: string;
  /** The delegated scope that would have allowed this call, when the failure is a missing permission. */
  missingScope?: string;
  /**
   * Set instead of missingScope when other reads needing the same scope succeeded: the scope is approved, so the
   * refusal is about this read (an admin role, a policy), not a missing approval.
   */
  provenScope?: string;
  /** Seconds the service asked us to wait (429/503), when given. */
  retryAfterSeconds?: number;
  /**
   * The service's id for this request, for a support ticket: Graph `request-id` (header or error body innerError),
   * SharePoint `SPRequestGuid`, CSOM `TraceCorrelationId`.
   */
  correlationId?: string;
  /** The service answered HTTP 200 with a CSOM ErrorInfo (SharePoint client.svc/ProcessQuery). */
  csom?: boolean;
  /**
   * A paged read stopped: the 1-based page at which it stopped — the page whose answer pointed back, pointed away or
   * made no progress, or the page that could not be read. What was read before it is incomplete.
   */
  page?: number;
}

export interface Success<T> {
  ok: true;
  value: T;
}

export type Outcome<T> = Success<T> | Failure;

export function success<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function failure(status: number, code: string, message: string, extra: Partial<Omit<Failure, 'ok' | 'status' | 'code' | 'message'>> = {}): Failure {
  return { ok: false, status, code, message, ...extra };
}

/** An exception's message (an Error's message, else the thrown value as text). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls a port; an exception (which adapters should never let escape) becomes a Failure too (UnexpectedError). */
export async function guarded<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    return failure(0, 'UnexpectedError', errorMessage(error));
  }
}
