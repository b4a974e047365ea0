import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../../demo/start';
import { ARTIFACTS, axeViolations, launchChromium, waitForChecks } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

async function count(page: Page): Promise<string> {
  return ((await page.getByTestId('unprovisioned-count').textContent()) ?? '').trim();
}

describe('provisioning in the demo preview', () => {
  it('requests a OneDrive, shows it pending, and a re-check shows it provisioned', async () => {
    const preview = await startPreview({ scenario: 'unprovisioned-users', port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${preview.url}/`);
      await waitForChecks(page);
      expect(await count(page)).toContain('60');

      await page.getByRole('searchbox', { name: /Search users/ }).fill('adrian.fischer167');
      await page.getByText('Showing 1 of 60').waitFor();
      await page.getByRole('button', { name: 'Select all 1 filtered' }).click();
      await page.getByRole('button', { name: 'Request OneDrive for 1 selected' }).click();
      await page.getByRole('button', { name: 'Request', exact: true }).click();
      await page.getByText(/All 1 address\(es\) were queued/).waitFor();
      await page.getByText(/^Requested/).first().waitFor();
      const history = page.getByTestId('provisioning-history');
      await expect(history.textContent()).resolves.toContain('adrian.fischer167@contoso.onmicrosoft.com');
      await expect(history.textContent()).resolves.toContain('Queued');
      await page.screenshot({ path: path.join(ARTIFACTS, 'provisioning-requested.png'), fullPage: true });

      // The simulator creates the site 3 s after the request (scenario setting); then a re-check sees it.
      await page.waitForTimeout(3200);
      await page.getByRole('button', { name: 'Re-check OneDrives' }).click();
      await page.waitForFunction(() => (document.querySelector('[data-testid="unprovisioned-count"]')?.textContent ?? '').indexOf('59') >= 0, undefined, { timeout: 30000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'provisioning-done.png'), fullPage: true });

      const log = (await (await fetch(`${preview.url}/__sim/log`)).json()) as { method: string; path: string; status: number }[];
      const enqueues = log.filter((e) => /createpersonalsiteenqueuebulk/i.test(e.path));
      expect(enqueues.map((e) => e.status)).toEqual([200]);
      expect(log.some((e) => e.method === 'POST' && /\/_api\/web\/lists$/i.test(e.path.split('?')[0] ?? ''))).toBe(true);
    } finally {
      await page.close();
      await preview.close();
    }
  });

  it('shows the PowerShell fallback when SharePoint answers 200 with access denied', async () => {
    const preview = await startPreview({ scenario: 'unprovisioned-users', port: 0 });
    await fetch(`${preview.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // On every site that answers it (the product may try the hosting site's session first, then the admin host).
      body: JSON.stringify([{ match: 'POST /_api/SP.UserProfiles', status: 403, body: 'access-denied-200' }]),
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${preview.url}/`);
      await waitForChecks(page);
      await page.getByRole('button', { name: /^Select all 60 filtered$/ }).click();
      await page.getByRole('button', { name: 'Request OneDrive for 60 selected' }).click();
      await page.getByRole('button', { name: 'Request', exact: true }).click();
      await page.getByText(/known SharePoint limitation/).waitFor();
      await page.getByRole('button', { name: 'Retry failed chunks' }).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'provisioning-denied.png'), fullPage: true });
      expect(await count(page)).toContain('60');
    } finally {
      await page.close();
      await preview.close();
    }
  });
});

describe('Teams themes in the demo preview', () => {
  it.each(['dark', 'contrast'])('%s theme renders the checks and passes axe', async (theme) => {
    const preview = await startPreview({ scenario: 'demo', port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${preview.url}/?theme=${theme}`);
      await waitForChecks(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `theme-${theme}.png`), fullPage: false });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
      await preview.close();
    }
  });

  it('is usable from the keyboard: Tab reaches Re-check and Enter re-checks', async () => {
    const preview = await startPreview({ scenario: 'ready', port: 0 });
    const page = await browser.newPage();
    try {
      await page.goto(`${preview.url}/`);
      await waitForChecks(page);
      let found = false;
      for (let i = 0; i < 15 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? '') === 'Re-check every readiness condition');
      }
      expect(found).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('[data-check-id][data-status="running"]').length > 0 || document.querySelectorAll('[data-check-id][data-status="pass"]').length === 9);
      await waitForChecks(page);
    } finally {
      await page.close();
      await preview.close();
    }
  });
});
