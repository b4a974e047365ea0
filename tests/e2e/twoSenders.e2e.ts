/**
 * One sender at a time, in the browser: two tabs of one browser (they share the tabs' lock over BroadcastChannel), and
 * two admins in two browsers (separate browser contexts: no channel, no storage in common — only the SharePoint list
 * and its turn to send) press "Request" for the same users at the same moment. Every address reaches
 * CreatePersonalSiteEnqueueBulk exactly once, whichever page sent it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPreview } from '../../demo/start';
import type { RunningSimulator } from '../../demo/simulator';
import path from 'node:path';
import { ARTIFACTS, launchChromium, waitForChecks } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** Every address a page sends to CreatePersonalSiteEnqueueBulk (read from the request bodies the page sends). */
function recordEnqueued(page: Page, sink: string[]): void {
  page.on('request', (request) => {
    if (/createpersonalsiteenqueuebulk/i.test(request.url()) && request.method() === 'POST') {
      const body = request.postData();
      if (body) {
        sink.push(...(JSON.parse(body) as { emailIDs: string[] }).emailIDs.map((a) => a.toLowerCase()));
      }
    }
  });
}

async function openPane(context: BrowserContext, preview: RunningSimulator, sink: string[]): Promise<Page> {
  const page = await context.newPage();
  recordEnqueued(page, sink);
  await page.goto(`${preview.url}/`);
  await waitForChecks(page);
  return page;
}

/** Selects every unprovisioned user and opens the confirmation; returns the number selected. */
async function prepareRequest(page: Page): Promise<number> {
  const select = page.getByRole('button', { name: /^Select all \d+ filtered$/ });
  const label = (await select.textContent()) ?? '';
  await select.click();
  const n = Number(/(\d+)/.exec(label)?.[1]);
  await page.getByRole('button', { name: `Request OneDrive for ${n} selected` }).click();
  return n;
}

async function sendAtOnce(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((p) => p.getByRole('button', { name: 'Request', exact: true }).click()));
  // Each page ends with every chunk accounted for: queued by it or left out as requested by the other.
  await Promise.all(pages.map((p) => p.getByText(/chunk\(s\) queued \(\d+ address\(es\)\), 0 failed, 0 not sent\./).waitFor({ timeout: 60000 })));
}

function expectEachOnce(sent: string[], expected: number): void {
  const times = new Map<string, number>();
  for (const a of sent) times.set(a, (times.get(a) ?? 0) + 1);
  expect(times.size).toBe(expected);
  expect([...times.entries()].filter(([, n]) => n > 1)).toEqual([]);
}

describe('two senders at once', () => {
  it('two tabs of one browser: each address is sent once', async () => {
    const preview = await startPreview({ users: 800, port: 0, latencyMs: 20 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sent: string[] = [];
    try {
      const a = await openPane(context, preview, sent);
      const b = await openPane(context, preview, sent);
      const n = await prepareRequest(a);
      expect(await prepareRequest(b)).toBe(n);
      expect(n).toBeGreaterThan(199);
      await sendAtOnce([a, b]);
      expectEachOnce(sent, n);
    } finally {
      await context.close();
      await preview.close();
    }
  });

  it('two admins in two browsers (nothing shared but the SharePoint list): each address is sent once', async () => {
    const preview = await startPreview({ users: 800, port: 0, latencyMs: 20 });
    const first = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const second = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sent: string[] = [];
    try {
      const a = await openPane(first, preview, sent);
      const b = await openPane(second, preview, sent);
      const n = await prepareRequest(a);
      expect(await prepareRequest(b)).toBe(n);
      await sendAtOnce([a, b]);
      expectEachOnce(sent, n);
    } finally {
      await first.close();
      await second.close();
      await preview.close();
    }
  });

  it('another admin holds the turn to send: the pane names them and waits, then sends once the turn is free', async () => {
    const preview = await startPreview({ users: 800, port: 0 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sent: string[] = [];
    try {
      // Another admin's session holds the turn for 8 s: the log list's lease item as the product writes it
      // (src/tenant/sharepoint/logListLease.ts), written here over the simulator's SharePoint REST with another token.
      const headers = { Authorization: 'Bearer other-admin', 'Content-Type': 'application/json', Accept: 'application/json' };
      const list = `${preview.siteUrl}/_api/web/lists/getbytitle('Migration Readiness provisioning log')`;
      const post = async (url: string, body: unknown): Promise<number> => (await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })).status;
      expect(await post(`${preview.siteUrl}/_api/web/lists`, { Title: 'Migration Readiness provisioning log', BaseTemplate: 100 })).toBe(201);
      expect(await post(`${list}/fields`, { Title: 'MRLogEntry', FieldTypeKind: 3 })).toBe(201);
      const other = { session: 'other-session', name: 'megan.bowen@contoso.onmicrosoft.com' };
      const until = new Date(Date.now() + 8000).toISOString();
      expect(await post(`${list}/items`, { Title: 'migration-readiness-send-lease', MRLogEntry: JSON.stringify({ lease: other, until }) })).toBe(201);

      const page = await openPane(context, preview, sent);
      const n = await prepareRequest(page);
      await page.getByRole('button', { name: 'Request', exact: true }).click();
      const waiting = page.getByTestId('request-waiting');
      await waiting.waitFor({ timeout: 30000 });
      await expect(waiting.textContent()).resolves.toMatch(/^Waiting for megan\.bowen@contoso\.onmicrosoft\.com, who is sending a provisioning request from another session/);
      expect(sent).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, 'request-waiting.png'), fullPage: false });
      await page.getByText(/chunk\(s\) queued \(\d+ address\(es\)\), 0 failed, 0 not sent\./).waitFor({ timeout: 60000 });
      expectEachOnce(sent, n);
    } finally {
      await context.close();
      await preview.close();
    }
  });
});
