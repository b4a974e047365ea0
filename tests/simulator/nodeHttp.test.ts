/** @jest-environment node */
/**
 * The simulator's answers encoded ahead (prepare) and written later in one piece (sendPrepared) from reused buffers:
 * many answers of different sizes in flight at once each arrive whole and unmixed, and the simulator's own answers
 * keep their Content-Length.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RawJson } from '../../demo/simulator/http';
import { discard, prepare, sendPrepared } from '../../demo/simulator/nodeHttp';

function bodyOf(n: number): RawJson {
  // Parts as the encoded pages have them: several buffers, the body their concatenation.
  const items = Array.from({ length: n }, (_, i) => Buffer.from(`${i === 0 ? '' : ','}{"n":${n},"i":${i},"pad":"${'x'.repeat(n % 97)}"}`));
  return new RawJson([Buffer.from('{"value":['), ...items, Buffer.from(']}')]);
}

describe('simulator answers written in one piece', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    if (server) {
      const closing = new Promise<void>((resolve) => (server as http.Server).close(() => resolve()));
      server.closeAllConnections();
      await closing;
    }
    server = undefined;
  });

  it('sends each prepared answer whole while others wait and buffers are reused', async () => {
    server = http.createServer((req, res) => {
      const n = Number((req.url ?? '/').slice(1));
      // Prepared on arrival, written after a wait that differs per request (answers overlap and finish out of order).
      const answer = prepare({ 'Access-Control-Allow-Origin': '*' }, { status: 200, headers: { 'Content-Type': 'application/json' }, body: bodyOf(n) });
      setTimeout(() => sendPrepared(res, answer), (n * 7) % 23);
    });
    await new Promise<void>((resolve) => (server as http.Server).listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const sizes = Array.from({ length: 40 }, (_, i) => 50 + ((i * 997) % 3000));
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        sizes.map(async (n) => {
          const response = await fetch(`http://127.0.0.1:${port}/${n}`);
          const text = await response.text();
          return { n, text, length: response.headers.get('content-length'), cors: response.headers.get('access-control-allow-origin') };
        }),
      );
      for (const a of answers) {
        const json = JSON.parse(a.text) as { value: Array<{ n: number; i: number }> };
        expect(json.value).toHaveLength(a.n);
        expect(json.value.every((v, i) => v.n === a.n && v.i === i)).toBe(true);
        expect(Number(a.length)).toBe(Buffer.byteLength(a.text));
        expect(a.cors).toBe('*');
      }
    }
  });

  it('prepares a plain JSON answer and an empty one with their lengths; a discarded answer gives its buffer back', () => {
    const json = prepare({}, { status: 201, headers: {}, body: { ok: 'é' } });
    expect(json.payload?.toString('utf8')).toBe('{"ok":"é"}');
    expect(json.headers['Content-Length']).toBe(Buffer.byteLength('{"ok":"é"}'));
    const empty = prepare({}, { status: 204, headers: {}, body: { ignored: true } });
    expect(empty.payload).toBeUndefined();
    expect(empty.headers['Content-Length']).toBe(0);
    const raw = prepare({}, { status: 200, headers: {}, body: bodyOf(10) });
    expect(raw.pooled).toBeDefined();
    expect(raw.payload?.toString('utf8')).toBe(bodyOf(10).text());
    discard(raw);
  });
});
