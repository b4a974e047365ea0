/**
 * The migration list and the readiness report in the demo preview, in Chromium: a CSV dropped on the drop zone gets a
 * verdict per row (scan data, directory lookups for guests, disabled and unlicensed users, an alias), the checked list
 * and the PowerShell script download, the not-provisioned rows are requested and come back as requested, and the
 * exported report opens offline with every check. Every request goes to the preview's own origins.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../../demo/start';
import { ARTIFACTS, axeViolations, foreignRequests, launchChromium, recordRequests, waitForChecks } from './browser';

const DOMAIN = 'contoso.onmicrosoft.com';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** The unprovisioned-users scenario with an alias (proxy address) on one unprovisioned user. */
function fixtureFile(): string {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'demo', 'scenarios', 'unprovisioned-users.json'), 'utf8')) as {
    users: Array<{ userPrincipalName: string; proxyAddresses?: string[] }>;
  };
  const owner = fixture.users.find((u) => u.userPrincipalName === `sofia.tanaka77@${DOMAIN}`);
  if (!owner) {
    throw new Error('the scenario lost sofia.tanaka77');
  }
  owner.proxyAddresses = [`SMTP:sofia.tanaka77@${DOMAIN}`, 'smtp:sofia.t@contoso.com'];
  const dir = mkdtempSync(path.join(tmpdir(), 'mr-mapping-'));
  const file = path.join(dir, 'tenant.json');
  writeFileSync(file, JSON.stringify(fixture));
  return file;
}

const LIST = [
  'Source User;Destination User',
  `ann@fabrikam.example;ADRIAN.FISCHER167@${DOMAIN}`,
  'bob@fabrikam.example;Sofia.T@contoso.com',
  `cy@fabrikam.example;maya.kim82@${DOMAIN}`,
  'di@fabrikam.example;hannah.kumar127@partner.example',
  `ed@fabrikam.example;noah.lopez39@${DOMAIN}`,
  `fay@fabrikam.example;mateo.gonzalez96@${DOMAIN}`,
  'gus@fabrikam.example;nobody@contoso.com',
  '',
  `hal@fabrikam.example;  adrian.fischer167@${DOMAIN}  `,
  'ivy@fabrikam.example;not-an-address',
].join('\r\n');

/** Drops a file on the drop zone the way a browser does: a DataTransfer with the File, on dragover then drop. */
async function dropFile(page: Page, name: string, content: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ fileName, text }) => {
      const data = new DataTransfer();
      data.items.add(new File(['\uFEFF' + text], fileName, { type: 'text/csv' }));
      return data;
    },
    { fileName: name, text: content },
  );
  const zone = page.getByTestId('mapping-input');
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

async function verdicts(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-mapping-row]', (rows) => {
    const out: Record<string, string> = {};
    for (const row of rows) {
      out[row.getAttribute('data-destination') as string] = row.getAttribute('data-verdict') as string;
    }
    return out;
  });
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; file: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const saved = path.join(ARTIFACTS, file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), text: readFileSync(saved, 'utf8'), file: saved };
}

describe('the migration list in the demo preview', () => {
  it('drops a CSV, gives each row its verdict, exports it, requests the not-provisioned rows, and exports the report', async () => {
    const preview = await startPreview({ tenant: fixtureFile(), port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const requests = recordRequests(page);
    try {
      await page.goto(`${preview.url}/`);
      await waitForChecks(page);
      await expect(page.getByTestId('mapping-privacy').textContent()).resolves.toMatch(/never leaves this browser/);
      expect(await page.getByTestId('mapping-input').locator('input[type="file"]').count()).toBe(1);

      await dropFile(page, 'mapping.csv', LIST);
      await page.waitForSelector('[data-testid="mapping-summary"]', { timeout: 30000 });
      expect(await verdicts(page)).toEqual({
        [`ADRIAN.FISCHER167@${DOMAIN}`]: 'not-provisioned',
        'Sofia.T@contoso.com': 'not-provisioned',
        [`maya.kim82@${DOMAIN}`]: 'ready',
        'hannah.kumar127@partner.example': 'guest',
        [`noah.lopez39@${DOMAIN}`]: 'disabled',
        [`mateo.gonzalez96@${DOMAIN}`]: 'unlicensed',
        'nobody@contoso.com': 'not-found',
        [`adrian.fischer167@${DOMAIN}`]: 'duplicate',
        'not-an-address': 'invalid',
      });
      const summary = page.getByTestId('mapping-summary');
      await expect(summary.locator('[data-verdict-count="not-provisioned"]').getAttribute('data-count')).resolves.toBe('2');
      await expect(summary.textContent()).resolves.toContain('9 rows');
      await expect(page.locator('[data-destination="Sofia.T@contoso.com"]').textContent()).resolves.toContain('sofia.tanaka77@contoso.onmicrosoft.com');
      await page.screenshot({ path: path.join(ARTIFACTS, 'migration-list.png'), fullPage: true });
      // The section alone, as docs/screenshots/migration-list.png shows it (copied from here when the section changes).
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.locator('section', { has: page.getByTestId('mapping-summary') }).first().screenshot({ path: path.join(ARTIFACTS, 'migration-list-section.png') });
      expect(await axeViolations(page)).toEqual([]);

      // Only what the scan did not hold went to the directory.
      const log = (await (await fetch(`${preview.url}/__sim/log`)).json()) as { path: string; batchId?: string }[];
      const lookups = log.filter((e) => e.batchId !== undefined && /\$filter=/.test(e.path)).map((e) => decodeURIComponent(e.path));
      expect(lookups.length).toBeGreaterThan(0);
      expect(lookups.some((p) => /maya\.kim82|adrian\.fischer167/i.test(p))).toBe(false);

      const csv = await download(page, () => page.getByRole('button', { name: 'Download the checked list (CSV)' }).click());
      expect(csv.name).toBe('mapping-checked.csv');
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.text.substring(1).split('\r\n');
      expect(lines[0]).toBe('"Source User","Destination User","Verdict","Reason","Resolved UPN"');
      expect(lines[2]).toMatch(/^"bob@fabrikam\.example","Sofia\.T@contoso\.com","not-provisioned","[^"]*","sofia\.tanaka77@contoso\.onmicrosoft\.com"$/);
      // The ready row the scan resolved has its sign-in name too; so has every row resolved to a user.
      expect(lines[3]).toMatch(/,"maya\.kim82@contoso\.onmicrosoft\.com","ready","[^"]*","maya\.kim82@contoso\.onmicrosoft\.com"$/);
      const resolvedUpns = lines.slice(1, 10).map((line) => {
        const fields = (line.match(/"((?:[^"]|"")*)"/g) || []).map((f) => f.slice(1, -1));
        return [fields[2], fields[4]];
      });
      for (const [verdict, upn] of resolvedUpns) {
        expect(upn === '').toBe(verdict === 'not-found' || verdict === 'invalid');
      }

      const script = await download(page, () => page.getByRole('button', { name: 'PowerShell script for all 2 not provisioned' }).click());
      expect(script.text).toContain(`'adrian.fischer167@${DOMAIN}'`);
      expect(script.text).toContain(`'sofia.tanaka77@${DOMAIN}'`);
      expect(script.text).not.toContain('maya.kim82');

      await page.getByRole('button', { name: 'Select all 2 not provisioned' }).click();
      await page.getByRole('button', { name: 'Request OneDrive for 2 selected' }).click();
      await page.getByRole('button', { name: 'Request', exact: true }).click();
      await page.waitForFunction(
        (upn) => document.querySelector(`[data-destination="${upn}"]`)?.getAttribute('data-verdict') === 'requested',
        `ADRIAN.FISCHER167@${DOMAIN}`,
        { timeout: 30000 },
      );
      expect((await verdicts(page))['Sofia.T@contoso.com']).toBe('requested');

      const report = await download(page, () => page.getByTestId('export-report').click());
      expect(report.name).toMatch(/^migration-readiness-contoso-\d{8}-\d{4}\.html$/);
      expect(report.text).toContain('data-check-id="users-onedrive" data-status="fail"');
      expect(report.text).toContain('mapping.csv');

      // The report opens offline: from the file, with nothing fetched.
      const offline = await browser.newPage();
      const offlineRequests = recordRequests(offline);
      try {
        await offline.goto('file://' + report.file);
        expect(await offline.locator('[data-check-id]').count()).toBe(9);
        await expect(offline.locator('#migration-list [data-verdict-count="requested"] td').textContent()).resolves.toBe('2');
        await offline.emulateMedia({ media: 'print' });
        await offline.screenshot({ path: path.join(ARTIFACTS, 'readiness-report-print.png'), fullPage: true });
        expect(offlineRequests.filter((url) => !url.startsWith('file://'))).toEqual([]);
      } finally {
        await offline.close();
      }
      expect(foreignRequests(requests, preview.origins)).toEqual([]);
    } finally {
      await page.close();
      await preview.close();
    }
  });

  it('says which line of a malformed file is wrong, and the rest of the pane stays', async () => {
    const preview = await startPreview({ scenario: 'unprovisioned-users', port: 0 });
    const page = await browser.newPage();
    try {
      await page.goto(`${preview.url}/`);
      await waitForChecks(page);
      await page.getByTestId('mapping-input').locator('input[type="file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('Destination\nann@contoso.com\n"bob@contoso.com\n') });
      await page.getByTestId('mapping-error').getByText(/Line 3: a quoted field opens here and is never closed/).waitFor();
      expect(await page.locator('[data-check-id]').count()).toBe(9);
      expect(await page.locator('[data-mapping-row]').count()).toBe(0);
    } finally {
      await page.close();
      await preview.close();
    }
  });

  it.each(['dark', 'contrast'])('in the %s theme, the checked list passes axe', async (theme) => {
    const preview = await startPreview({ scenario: 'unprovisioned-users', port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${preview.url}/?theme=${theme}`);
      await waitForChecks(page);
      await page.getByTestId('mapping-input').locator('input[type="file"]').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
      await page.waitForSelector('[data-testid="mapping-summary"]', { timeout: 30000 });
      await page.locator('#mr-migration').screenshot({ path: path.join(ARTIFACTS, `migration-list-${theme}.png`) });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
      await preview.close();
    }
  });
});
