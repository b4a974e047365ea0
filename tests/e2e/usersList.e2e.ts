/**
 * The users list in a real browser: the List is given page heights (it does not measure its pages), so scrolling must
 * still reach every row with no blank area, also when rows are drawn taller than Fluent's default; and the selection
 * (our own model behind the DetailsList) must answer the keyboard and the header checkbox.
 */
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../../demo/start';
import { launchChromium, waitForChecks } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

interface Scrolled {
  /** aria-rowindex of the row under each probe point down the visible list, or BLANK. */
  hits: string[];
  rowHeights: number[];
}

/** Scrolls the list to a fraction of its height and reads which rows are drawn where. */
async function scrollTo(page: Page, fraction: number): Promise<Scrolled> {
  await page.evaluate((f) => {
    const list = document.querySelector('[data-is-scrollable="true"]') as HTMLElement;
    list.scrollIntoView();
    list.scrollTop = f * (list.scrollHeight - list.clientHeight);
  }, fraction);
  // The List renders after a scroll on a debounce: read until no probe point is blank (at most 5 s).
  let read: Scrolled = { hits: [], rowHeights: [] };
  for (let tries = 0; tries < 25; tries++) {
    await page.waitForTimeout(200);
    read = await readRows(page);
    if (!read.hits.includes('BLANK')) {
      break;
    }
  }
  return read;
}

function readRows(page: Page): Promise<Scrolled> {
  return page.evaluate(() => {
    const list = document.querySelector('[data-is-scrollable="true"]') as HTMLElement;
    const rect = list.getBoundingClientRect();
    const hits: string[] = [];
    for (let y = rect.top + 60; y < rect.bottom - 2; y += 40) {
      const row = document.elementFromPoint(rect.left + 200, y)?.closest('[role="row"]');
      hits.push(row ? row.getAttribute('aria-rowindex') || '?' : 'BLANK');
    }
    const rows = Array.from(list.querySelectorAll('.ms-DetailsRow')) as HTMLElement[];
    return { hits, rowHeights: Array.from(new Set(rows.map((r) => Math.round(r.getBoundingClientRect().height)))) };
  });
}

async function openList(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/`);
  await waitForChecks(page);
  const shown = page.getByTestId('users-shown');
  await page.waitForFunction(() => /^Showing (\d+) of \1$/.test(document.querySelector('[data-testid="users-shown"]')?.textContent || ''));
  return Number(/^Showing (\d+)/.exec((await shown.textContent()) || '')?.[1]);
}

describe('users list in the demo preview', () => {
  it.each([
    ['as Fluent draws rows', ''],
    ['with rows drawn taller (a minimum font size, say)', '.ms-DetailsRow, .ms-DetailsRow-fields { min-height: 60px !important; }'],
  ])('scrolling reaches every row with no blank area, %s', async (_label, css) => {
    const preview = await startPreview({ users: 2000, port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      if (css !== '') {
        await page.addInitScript((text) => {
          document.addEventListener('DOMContentLoaded', () => {
            const style = document.createElement('style');
            style.textContent = text;
            document.head.appendChild(style);
          });
        }, css);
      }
      const rows = await openList(page, preview.url);
      expect(rows).toBeGreaterThan(100);
      for (const fraction of [0, 0.5, 1]) {
        const scrolled = await scrollTo(page, fraction);
        expect(scrolled.hits).not.toContain('BLANK');
        expect(scrolled.rowHeights).toEqual([css === '' ? 43 : 61]);
        if (fraction === 1) {
          // aria-rowindex counts the header row: the last row is rows + 1.
          expect(scrolled.hits[scrolled.hits.length - 1]).toBe(String(rows + 1));
        }
      }
      // A search and back: the list starts at the top again, still without gaps.
      await page.getByRole('searchbox', { name: /Search users/ }).fill('qzx-no-such-user');
      await page.getByText(`Showing 0 of ${rows}`).waitFor();
      await page.getByRole('searchbox', { name: /Search users/ }).fill('');
      await page.getByText(`Showing ${rows} of ${rows}`).waitFor();
      const again = await scrollTo(page, 1);
      expect(again.hits).not.toContain('BLANK');
      expect(again.hits[again.hits.length - 1]).toBe(String(rows + 1));
    } finally {
      await page.close();
      await preview.close();
    }
  });

  it('selection: Space on a row, the header checkbox over a search, and the kept choice behind the search', async () => {
    const preview = await startPreview({ scenario: 'unprovisioned-users', port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const rows = await openList(page, preview.url);
      const firstRow = page.locator('.ms-DetailsRow').first();
      await firstRow.focus();
      await page.keyboard.press('Space');
      await page.getByText('1 selected', { exact: true }).waitFor();
      await expect(firstRow.getAttribute('aria-selected')).resolves.toBe('true');

      // The header checkbox with a search selects the shown rows only; the first row stays selected behind the search.
      // The search: the UPN of the second row (its aria-label reads "name, UPN, state").
      const second = (await page.locator('.ms-DetailsRow').nth(1).getAttribute('aria-label')) || '';
      const upn = second.split(', ')[1] || '';
      expect(upn).toContain('@');
      await page.getByRole('searchbox', { name: /Search users/ }).fill(upn);
      await page.getByText(`Showing 1 of ${rows}`).waitFor();
      await page.getByRole('checkbox', { name: 'Select all shown users' }).click();
      await page.getByText('2 selected (1 of them hidden by the search or filters)').waitFor();
      await page.getByRole('searchbox', { name: /Search users/ }).fill('');
      await page.getByText('2 selected', { exact: true }).waitFor();
      await expect(page.getByRole('checkbox', { name: 'Select all shown users' }).getAttribute('aria-checked')).resolves.toBe('false');
      await page.getByRole('button', { name: 'Request OneDrive for 2 selected' }).waitFor();
    } finally {
      await page.close();
      await preview.close();
    }
  });
});
