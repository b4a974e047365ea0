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
  return { code: typeof raw.code === 'string' ? raw.code : 'UnknownError', message: text };
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
    return failure(status, service ? service.code : error.statusText || `HTTP${status}`, service && service.message ? service.message : error.statusText, {
      ...(permission && missingScope ? { missingScope } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
    });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return failure(0, 'Cancelled', 'The operation was cancelled.');
  }
  const message = error instanceof Error ? error.message : String(error);
  return failure(0, 'NetworkError', message);
}
