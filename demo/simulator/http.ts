/** Request/response values passed between the HTTP layer, the routers and $batch, plus the two error body shapes. */
import { randomUUID } from 'node:crypto';

export interface SimRequest {
  /** Upper case. */
  method: string;
  /** Path as received (still percent-encoded), without the query. */
  path: string;
  /** Path + query as received. */
  url: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  bodyText: string;
  /** Host header of the outer HTTP request (for absolute nextLinks and site URLs). */
  host: string;
  /** Set for inner $batch requests. */
  batchId?: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** string: sent as is; anything else: sent as JSON; undefined: no body. */
  body?: unknown;
}

/**
 * A JSON body already serialized (UTF-8): sent as it is, parsed back where a $batch embeds it. Lets a page of items the
 * simulator serialized once (encodedItems.ts) skip JSON.stringify on every request — simulator CPU that a real tenant
 * spends on Microsoft's machines, not beside the client's.
 */
export class RawJson {
  /** The body's parts, in order (views of shared buffers: never changed). */
  public constructor(public readonly parts: ReadonlyArray<Buffer>) {}

  public get byteLength(): number {
    let n = 0;
    for (const part of this.parts) n += part.length;
    return n;
  }

  public text(): string {
    return Buffer.concat(this.parts as Buffer[]).toString('utf8');
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body };
}

export function textResponse(status: number, body: string, contentType = 'text/plain'): SimResponse {
  return { status, headers: { 'Content-Type': contentType }, body };
}

/** Graph error: `{ error: { code, message, innerError: { request-id, date } } }`. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  const requestId = randomUUID();
  return jsonResponse(
    status,
    { error: { code, message, innerError: { 'request-id': requestId, date: new Date().toISOString().replace(/\.\d{3}Z$/, '') } } },
    { 'request-id': requestId, ...headers },
  );
}

export const SP_ACCESS_DENIED = {
  code: '-2147024891, System.UnauthorizedAccessException',
  message: 'Access denied. You do not have permission to perform this action or access this resource.',
} as const;

export function spErrorBody(code: string, message: string): { 'odata.error': { code: string; message: { lang: string; value: string } } } {
  return { 'odata.error': { code, message: { lang: 'en-US', value: message } } };
}

/** SharePoint REST error: `{ "odata.error": { code, message: { lang, value } } }`. */
export function spError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, spErrorBody(code, message), { 'SPRequestGuid': randomUUID(), ...headers });
}

export function spAccessDenied(status = 403): SimResponse {
  return spError(status, SP_ACCESS_DENIED.code, SP_ACCESS_DENIED.message);
}

/** Parses a JSON body; undefined when empty, an Error when malformed. */
export function parseJsonBody(req: SimRequest): unknown {
  if (req.bodyText.trim() === '') return undefined;
  try {
    return JSON.parse(req.bodyText) as unknown;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
