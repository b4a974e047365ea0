import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startPreview } from '../../demo/start';
import type { TenantFixture } from '../../demo/simulator/types';
import { ARTIFACTS, axeViolations, checkStatuses, foreignRequests, launchChromium, recordRequests, waitForChecks } from './browser';

const scenariosDir = path.join(__dirname, '..', '..', 'demo', 'scenarios');
const names = readdirSync(scenariosDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('demo preview in Chromium: every built-in scenario', () => {
  it.each(names)('%s: checks, unprovisioned count, accessibility, no foreign requests', async (name) => {
    const fixture = JSON.parse(readFileSync(path.join(scenariosDir, `${name}.json`), 'utf8')) as TenantFixture;
    const preview = await startPreview({ scenario: name, port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = recordRequests(page);
    const consoleErrors: string[] = [];
    // With sharePoint.adminHost "cors-blocked", Chromium reports each refused admin-host call as a CORS error: expected.
    const adminOrigin = new URL(preview.spAdminUrl).origin;
    const corsBlocked = fixture.sharePoint.adminHost === 'cors-blocked';
    page.on('console', (message) => {
      // Failed HTTP answers are checked below, by URL; every other console error is a defect.
      const text = message.text();
      const expectedCors = corsBlocked && /blocked by CORS policy/.test(text) && text.includes(adminOrigin);
      if (message.type() === 'error' && !/^Failed to load resource/.test(text) && !expectedCors) {
        consoleErrors.push(text);
      }
    });
    const failedAnswers: string[] = [];
    page.on('response', (response) => {
      // Expected: Graph answers 404 for the mySite of a user whose OneDrive does not exist (DESIGN §4); PIM eligibility
      // answers 403 when no RoleEligibilitySchedule/RoleManagement scope is granted and 400 without Entra ID P2.
      const url = decodeURIComponent(response.url());
      const expected =
        (response.status() === 404 && /\/me\?.*mySite/i.test(url)) ||
        ((response.status() === 403 || response.status() === 400) && /\/roleManagement\/directory\/roleEligibilityScheduleInstances/i.test(url));
      if (response.status() >= 400 && !expected) {
        failedAnswers.push(`${response.status()} ${response.url()}`);
      }
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    try {
      await page.goto(`${preview.url}/`);
      await expect(page.getByTestId('demo-banner').textContent()).resolves.toContain(name);
      await waitForChecks(page);
      expect(await checkStatuses(page)).toEqual(fixture.scenario?.expected);
      if (fixture.scenario?.unprovisionedCount !== undefined) {
        await expect(page.getByTestId('unprovisioned-count').textContent()).resolves.toBe(String(fixture.scenario.unprovisionedCount));
      }
      // The connection report says which way the OneDrive enumeration went: the admin host, or the per-user fallback.
      const enumeration = page.locator('[data-testid="connection-report"] [data-path="admin-enumeration"]');
      const adminRefused = fixture.sharePoint.adminHost === 'cors-blocked' || fixture.sharePoint.adminHost === 'unauthorized';
      await expect(enumeration.getAttribute('data-outcome')).resolves.toEqual(adminRefused ? 'fallback' : expect.stringMatching(/^(ok|fallback)$/));
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      expect(foreignRequests(requests, preview.origins)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(failedAnswers).toEqual([]);
    } finally {
      await page.close();
      await preview.close();
    }
  });
});
