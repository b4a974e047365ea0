import { failure, type Failure } from '../../common/outcome';
import { parseRetryAfter } from './retryPolicy';

/** What PnPjs throws for a non-2xx answer (HttpRequestError), seen structurally. */
interface HttpErrorLike {
  isHttpRequestError: true;
  status: number;
  statusText: string;
  response: Response;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === 'object' && !!error && (error as { isHttpRequestError?: unknown }).isHttpRequestError === true;
}

interface ServiceError {
  code: string;
  message: string;
  /** Graph error bodies carry the request id in innerError. */
  requestId?: string;
}

/**
 * Reads a service error from a body: Graph `{ error: { code, message } }`, SharePoint REST
 * `{ "odata.error": { code, message: { value } } }` or verbose `{ error: { code, message: { value } } }`.
 */
export function readServiceError(body: unknown): ServiceError | undefined {
  if (typeof body !== 'object' || !body) {
    return undefined;
  }
  const record = body as Record<string, unknown>;
  const raw = (record.error ?? record['odata.error']) as Record<string, unknown> | undefined;
  if (typeof raw !== 'object' || !raw) {
    return undefined;
  }
  const message = raw.message;
  const text =
    typeof message === 'string'
      ? message
        : typeof message === 'object' && !!message && typeof (message as { value?: unknown }).value === 'string'
        ? (message as { value: string }).value
        : '';
  const inner = (raw.innerError ?? raw.innererror) as Record<string, unknown> | undefined;
  const requestId = typeof inner === 'object' && !!inner && typeof inner['request-id'] === 'string' ? (inner['request-id'] as string) : undefined;
  return { code: typeof raw.code === 'string' ? raw.code : 'UnknownError', message: text, ...(requestId ? { requestId } : {}) };
}

/**
 * The service's request id from response headers, when the browser lets us read them (Graph exposes `request-id`
 * and `client-request-id` to cross-origin callers; SharePoint sends `SPRequestGuid`).
 */
export function correlationIdOf(headers: Headers | undefined): string | undefined {
  if (!headers) {
    return undefined;
  }
  return headers.get('request-id') || headers.get('SPRequestGuid') || headers.get('client-request-id') || undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Turns anything a call can throw into a typed Failure. `missingScope` is set for permission failures so the UI can say
 * which scope to approve (the caller knows which scope the call needs).
 */
export async function toFailure(error: unknown, missingScope?: string): Promise<Failure> {
  if (isHttpError(error)) {
    let text = '';
    try {
      text = await error.response.clone().text();
    } catch {
      text = '';
    }
    const service = readServiceError(parseJson(text));
    const retryAfterMs = parseRetryAfter(error.response.headers.get('Retry-After') ?? undefined);
    const status = error.status;
    const permission = status === 403 || (service !== undefined && /Authorization_RequestDenied|AccessDenied|UnauthorizedAccess/i.test(service.code));
    const correlationId = correlationIdOf(error.response.headers) || (service ? service.requestId : undefined);
    return failure(status, service ? service.code : error.statusText || `HTTP${status}`, service && service.message ? service.message : error.statusText, {
      ...(permission && missingScope ? { missingScope } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
      ...(correlationId ? { correlationId } : {}),
    });
  }
  // By name, not instanceof: fetch's AbortError may come from another realm (a DOMException of another global).
  if (typeof error === 'object' && !!error && (error as { name?: unknown }).name === 'AbortError') {
    return failure(0, 'Cancelled', 'The operation was cancelled.');
  }
  if (error instanceof Error && error.name === 'PagingError' && typeof (error as { code?: unknown }).code === 'string') {
    return failure(0, (error as Error & { code: string }).code, error.message);
  }
  if (error instanceof SyntaxError) {
    // The service answered, but not with the JSON we asked for (a proxy page, a truncated body).
    return failure(0, 'MalformedAnswer', error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  // fetch rejects with a TypeError when no answer reached the page: offline, DNS, or a cross-origin (CORS) refusal.
  return failure(0, 'NetworkError', message);
}
