/**
 * Reliability in the browser (the demo preview in Chromium, the simulator on distinct origins, the production retry
 * policy): the admin sees throttling — "Microsoft 365 asked us to wait N s (throttled) — continuing at hh:mm:ss" — and
 * a Retry-After longer than the transport waits on its own (90 s; it waits at most 60 s) becomes "Wait 90 s and
 * continue", a countdown, and a scan that completes after the wait. A next link to another host is never requested.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../../demo/start';
import type { RunningSimulator, TenantFixture } from '../../demo/simulator';
import { ARTIFACTS, foreignRequests, launchChromium, recordRequests, waitForChecks } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

async function setFaults(preview: RunningSimulator, rules: unknown[]): Promise<void> {
  const r = await fetch(`${preview.url}/__sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) });
  expect(r.status).toBe(204);
}

async function count(page: Page): Promise<string> {
  return ((await page.getByTestId('unprovisioned-count').textContent()) ?? '').trim();
}

describe('throttling the admin can see', () => {
  it('a throttled admin-host read: the scan shows "asked us to wait 8 s (throttled) — continuing at hh:mm:ss", then completes', async () => {
    const preview = await startPreview({ scenario: 'unprovisioned-users', port: 0 });
    // SharePoint lets a browser read Retry-After (Graph does not): the personal-site enumeration is throttled once.
    // 8 s: long enough for the facts to be gathered while the scan waits, however loaded the machine is.
    await setFaults(preview, [{ match: 'POST /sp-admin/_vti_bin', status: 429, times: 1, retryAfterSeconds: 8 }]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${preview.url}/`);
      const notice = page.getByTestId('scan-wait');
      await notice.waitFor({ timeout: 20000 });
      expect(((await notice.textContent()) ?? '').trim()).toMatch(/^Microsoft 365 asked us to wait 8 s \(throttled\) — continuing at \d\d:\d\d:\d\d\.$/);
      // The check waiting for the scan says it too, once the facts are in (the card shows only "Checking…" before).
      await page.waitForFunction(
        () => /asked us to wait 8 s \(throttled\)/.test(document.querySelector('[data-check-id="users-onedrive"]')?.textContent ?? ''),
        undefined,
        { timeout: 7000 },
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'reliability-throttled.png'), fullPage: true });
      await waitForChecks(page);
      expect(await count(page)).toBe('60');
      await expect(page.getByTestId('scan-wait').count()).resolves.toBe(0);
    } finally {
      await page.close();
      await preview.close();
    }
  });

  it('Retry-After 90 s (longer than the transport waits): "Wait 90 s and continue", a countdown, and the scan completes after the wait', async () => {
    const preview = await startPreview({ scenario: 'unprovisioned-users', port: 0 });
    await setFaults(preview, [{ match: 'POST /sp-admin/_vti_bin', status: 429, times: 1, retryAfterSeconds: 90 }]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${preview.url}/`);
      const offer = page.getByRole('button', { name: 'Wait 90 s and continue' });
      await offer.waitFor({ timeout: 20000 });
      await expect(page.getByText(/Microsoft 365 asked us to wait 90 s \(throttled\), longer than the scan waits on its own/).count()).resolves.toBe(1);
      const clicked = Date.now();
      await offer.click();
      const countdown = page.getByTestId('scan-resume-wait');
      await countdown.waitFor();
      expect(((await countdown.textContent()) ?? '').trim()).toMatch(/continuing in 1:(29|30), at \d\d:\d\d:\d\d\./);
      await page.screenshot({ path: path.join(ARTIFACTS, 'reliability-wait-and-continue.png'), fullPage: true });
      await page.waitForTimeout(2100);
      expect(((await countdown.textContent()) ?? '').trim()).toMatch(/continuing in 1:2[6-8]/);
      // Nothing is sent to the throttled host during the wait (an early request would earn a fresh 429).
      await page.waitForFunction(() => (document.querySelector('[data-testid="unprovisioned-count"]')?.textContent ?? '').trim() === '60', undefined, {
        timeout: 100000,
      });
      expect(Date.now() - clicked).toBeGreaterThanOrEqual(89000);
      expect(await count(page)).toBe('60');
      const log = (await (await fetch(`${preview.url}/__sim/log`)).json()) as { path: string; status: number }[];
      expect(log.filter((e) => e.status === 429)).toHaveLength(1);
    } finally {
      await page.close();
      await preview.close();
    }
  }, 150000);
});

describe('paging faults in the browser', () => {
  it('a users next link to another host is never requested; the check says the count is incomplete', async () => {
    const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'demo', 'scenarios', 'unprovisioned-users.json'), 'utf8')) as TenantFixture;
    fixture.simulation = {
      ...(fixture.simulation ?? {}),
      pageSizes: { personalSites: 50, users: 50 },
      pagingFaults: [{ collection: 'users', kind: 'foreign-host', page: 2 }],
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mr-reliability-')), 'foreign-host.json');
    writeFileSync(file, JSON.stringify(fixture));
    const preview = await startPreview({ tenant: file, port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = recordRequests(page);
    try {
      await page.goto(`${preview.url}/`);
      await waitForChecks(page);
      const usersOneDrive = page.locator('[data-check-id="users-onedrive"]');
      await expect(usersOneDrive.getAttribute('data-status')).resolves.toBe('unknown');
      await expect(usersOneDrive.textContent()).resolves.toContain('pointed the page after page 2 to another host; it was not followed');
      await expect(usersOneDrive.textContent()).resolves.toContain('the count below is incomplete');
      expect(foreignRequests(requests, preview.origins)).toEqual([]);
    } finally {
      await page.close();
      await preview.close();
    }
  });
});
