/**
 * node:http plumbing: read a request body (20 MB at most), its headers in lower case, and send a SimResponse — at once
 * (`send`) or encoded first and written later in one piece (`prepare`, for answers that wait out the latency).
 */
import type * as http from 'node:http';
import { RawJson, type SimResponse } from './http';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function headersOf(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(', ');
  }
  return out;
}

export function send(res: http.ServerResponse, cors: Record<string, string>, r: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  if (r.body instanceof RawJson && r.status !== 204) {
    // Written part by part (corked: one write to the socket), never copied into one page-sized buffer.
    res.writeHead(r.status, { ...cors, ...r.headers, 'Content-Length': r.body.byteLength });
    res.cork();
    for (const part of r.body.parts) res.write(part);
    res.end();
    res.uncork();
    return;
  }
  let payload: Buffer | undefined;
  if (r.body !== undefined && r.status !== 204) {
    payload = Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), 'utf8');
  }
  const headers: Record<string, string | number> = { ...cors, ...r.headers };
  if (payload) headers['Content-Length'] = payload.length;
  else headers['Content-Length'] = 0;
  res.writeHead(r.status, headers);
  res.end(payload);
}

/**
 * Page-sized buffers outside the JavaScript heap, reused: an answer's parts are copied into one (a memory copy) so the
 * answer leaves in one write, and the buffer comes back when the socket has taken it ('finish'). Writing a page part by
 * part costs node:http a call per part — 1.5 to 12 ms for a 999-user page, measured — and a fresh page-sized buffer per
 * answer brought the simulator a full collection every few pages at 1,000,000 users.
 */
class BufferPool {
  private readonly free: Buffer[] = [];

  public take(size: number): Buffer {
    for (let i = 0; i < this.free.length; i++) {
      const buffer = this.free[i] as Buffer;
      if (buffer.length >= size) {
        this.free.splice(i, 1);
        return buffer;
      }
    }
    return Buffer.allocUnsafeSlow(Math.max(size, 512 * 1024));
  }

  public give(buffer: Buffer): void {
    if (this.free.length < 64) this.free.push(buffer);
  }
}

const pool = new BufferPool();

/** An answer encoded and ready to write: its status, headers (with Content-Length) and body bytes. */
export interface PreparedAnswer {
  status: number;
  headers: Record<string, string | number>;
  payload?: Buffer;
  /** The pooled buffer the payload is a view of, given back once written. */
  pooled?: Buffer;
}

/**
 * Encodes an answer now (the simulator's work, done within a request's latency: server.ts), to be written later by
 * `sendPrepared` in one write.
 */
export function prepare(cors: Record<string, string>, r: SimResponse): PreparedAnswer {
  const headers: Record<string, string | number> = { ...cors, ...r.headers };
  if (r.body === undefined || r.status === 204) {
    headers['Content-Length'] = 0;
    return { status: r.status, headers };
  }
  if (r.body instanceof RawJson) {
    const size = r.body.byteLength;
    const pooled = pool.take(size);
    let at = 0;
    for (const part of r.body.parts) at += part.copy(pooled, at);
    headers['Content-Length'] = size;
    return { status: r.status, headers, payload: pooled.subarray(0, size), pooled };
  }
  const payload = Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), 'utf8');
  headers['Content-Length'] = payload.length;
  return { status: r.status, headers, payload };
}

/** Writes a prepared answer (headers and body together); its pooled buffer returns once the socket has it. */
export function sendPrepared(res: http.ServerResponse, answer: PreparedAnswer): void {
  const pooled = answer.pooled;
  if (res.headersSent || res.destroyed) {
    if (pooled) pool.give(pooled);
    return;
  }
  if (pooled) {
    let given = false;
    const giveBack = (): void => {
      if (!given) {
        given = true;
        pool.give(pooled);
      }
    };
    res.once('finish', giveBack);
    res.once('close', giveBack);
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.payload);
}

/** A prepared answer that will not be written (the request was dropped): its pooled buffer back. */
export function discard(answer: PreparedAnswer): void {
  if (answer.pooled) pool.give(answer.pooled);
}
