/** @jest-environment node */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SESSION_COOKIE_NAME, SESSION_COOKIE_VALUE } from '../../demo/simulator';
import { startPreview } from '../../demo/start';

const root = path.resolve(__dirname, '..', '..');

describe('npm start (the demo preview)', () => {
  it('serves the page and its script with a hand-written fixture (--tenant)', async () => {
    const preview = await startPreview({ tenant: path.join(root, 'demo', 'scenarios', 'assignment-off.json'), port: 0 });
    try {
      const page = await fetch(`${preview.url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('assignment-off.json');
      expect(html.match(/(src|href)="[^"]*"/g)).toEqual(['src="/preview.js"']);
      const script = await fetch(`${preview.url}/preview.js`);
      expect(script.status).toBe(200);
      expect((await script.text()).length).toBeGreaterThan(100000);
    } finally {
      await preview.close();
    }
  });

  it('serves the page from the hosting-site origin with the SharePoint session cookie; admin host and Graph on origins of their own', async () => {
    const preview = await startPreview({ scenario: 'ready', port: 0 });
    try {
      expect(preview.origins).toHaveLength(4);
      expect(preview.origins[0]).toBe(preview.url);
      const page = await fetch(`${preview.url}/`);
      expect(page.headers.get('set-cookie')).toBe(`${SESSION_COOKIE_NAME}=${SESSION_COOKIE_VALUE}; Path=/; HttpOnly; SameSite=Lax`);
      const html = await page.text();
      expect(html).toContain(JSON.stringify(preview.graphBaseUrl));
      expect(html).toContain(JSON.stringify(preview.spAdminUrl));
      expect(new URL(preview.graphBaseUrl).origin).not.toBe(preview.url);
      // The page's own site answers the cookie session.
      expect((await fetch(`${preview.siteUrl}/_api/web`, { headers: { Cookie: preview.sessionCookie } })).status).toBe(200);
    } finally {
      await preview.close();
    }
    const single = await startPreview({ scenario: 'ready', port: 0, origins: 'single' });
    try {
      expect(single.origins).toEqual([single.url]);
    } finally {
      await single.close();
    }
  });

  it('prints "Demo running at …" once ready and exits cleanly on SIGTERM', async () => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['demo/start.ts', '--port', '0', '--no-open', '--scenario', 'ready'], { cwd: root });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 60000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^Demo running at (http:\/\/localhost:\d+\/)$/m.exec(out);
        if (match && match[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect((await fetch(url)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    // A preview that does not exit within 10 s fails the test instead of hanging the run.
    const hung = new Promise<string>((resolve) => setTimeout(() => resolve('still running 10 s after SIGTERM'), 10000).unref());
    const ended = await Promise.race([exit, hung]);
    if (typeof ended === 'string') {
      child.kill('SIGKILL');
    }
    expect(ended).toBe(0);
    // Jest's own limit covers the test's budgets (60 s to the ready line, 10 s to exit): on a loaded machine starting
    // tsx alone took over Jest's default 5 s.
  }, 90000);

  it('names the scenarios when asked for one that does not exist', async () => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['demo/start.ts', '--scenario', 'nope'], { cwd: root });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/No scenario "nope"\. Scenarios: .*unprovisioned-users/);
  });
});
