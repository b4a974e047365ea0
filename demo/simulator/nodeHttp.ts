/** node:http plumbing: read a request body (20 MB at most), its headers in lower case, and send a SimResponse. */
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
