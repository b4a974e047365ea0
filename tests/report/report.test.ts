/** @jest-environment ./tests/support/jsdom-with-fetch.js */
/**
 * The readiness report from a real pane (the controller over the real adapters and the tenant simulator): every check
 * id with its status, the guide, the user counts, the migration list's summary and the connection report — and no
 * tenant data unescaped (a display name that carries a <script> stays text). Plus the plain-text summary.
 */
import { CHECK_IDS } from '../../src/readiness/check';
import { buildGuide } from '../../src/readiness/guide';
import { reportFileName, reportHtml } from '../../src/report/html';
import { reportSummaryText } from '../../src/report/text';
import { reportInputOf } from '../../src/ui/report/reportInput';
import type { ReadinessController } from '../../src/app/controller';
import { controllerFor, scenario, startTenant, type TestTenant } from '../support/tenant';

const PLANT = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const NOW = new Date('2026-03-04T05:06:07Z');

async function settledPane(controller: ReadinessController): Promise<void> {
  await controller.start();
  for (let i = 0; i < 500; i++) {
    const view = controller.getState().migrationList;
    if (view.phase === 'done' || view.phase === 'empty' || view.phase === 'failed') {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the migration list did not settle');
}

describe('the readiness report', () => {
  let tenant: TestTenant;
  afterEach(async () => {
    await tenant.close();
  });

  async function report(edit?: (f: ReturnType<typeof scenario>) => void, list?: { fileName: string; text: string }): Promise<{ html: string; controller: ReadinessController; doc: Document; text: string }> {
    const fixture = scenario('unprovisioned-users');
    if (edit) {
      edit(fixture);
    }
    tenant = await startTenant(fixture);
    const controller = controllerFor(tenant);
    if (list) {
      void controller.loadMigrationList(list);
    }
    await settledPane(controller);
    const state = controller.getState();
    const input = reportInputOf(state, state.facts ? buildGuide(state.facts, state.results) : [], NOW);
    const html = reportHtml(input);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return { html, controller, doc, text: reportSummaryText(input) };
  }

  it('holds every check id with the status the pane shows, its evidence and next step', async () => {
    const { controller, doc } = await report();
    const results = controller.getState().results;
    const articles = Array.from(doc.querySelectorAll('[data-check-id]'));
    expect(articles.map((a) => a.getAttribute('data-check-id')).sort()).toEqual([...CHECK_IDS].sort());
    // Failures first, as the pane reads.
    expect(articles[0]?.getAttribute('data-status')).toBe('fail');
    for (const result of results) {
      const article = doc.querySelector(`[data-check-id="${result.id}"]`) as Element;
      expect(article.getAttribute('data-status')).toBe(result.status);
      for (const line of result.evidence) {
        expect(article.textContent).toContain(line);
      }
      if (result.status !== 'pass' && result.nextStep) {
        expect(article.textContent).toContain(result.nextStep);
      }
    }
    expect(doc.querySelector('[data-check-id="users-onedrive"]')?.getAttribute('data-status')).toBe('fail');
    expect(doc.querySelectorAll('#guide li[data-state]').length).toBe(9);
    expect(doc.querySelector('[data-testid="user-counts"]')?.textContent).toMatch(/Without a OneDrive, not requested\s*60/);
    expect(Array.from(doc.querySelectorAll('[data-testid="connection-report"] tr[data-path]')).map((r) => r.getAttribute('data-path'))).toEqual(['graph', 'site', 'admin-enumeration', 'provisioning']);
    expect(doc.querySelector('[data-testid="report-tenant"]')?.textContent).toBe('Contoso (contoso.onmicrosoft.com)');
    expect(doc.querySelector('[data-testid="report-who"]')?.textContent).toMatch(/admin@contoso\.onmicrosoft\.com/);
  });

  it('is self-contained and prints: no script, no external resource, a CSP that allows none, a print stylesheet', async () => {
    const { html, doc } = await report();
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed, base').length).toBe(0);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(html).toContain('@media print');
    for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    }
  });

  it('escapes tenant data: a <script> in the tenant, the admin and the list file names stays text', async () => {
    const { html, doc, text } = await report(
      (f) => {
        f.organization.displayName = 'Contoso ' + PLANT;
        f.users.find((u) => u.id === f.signedInUserId)!.displayName = 'Admin ' + PLANT;
      },
      { fileName: PLANT + '.csv', text: 'adrian.fischer167@contoso.onmicrosoft.com\n' },
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(doc.querySelectorAll('script, img').length).toBe(0);
    expect(doc.querySelector('[data-testid="report-tenant"]')?.textContent).toContain('Contoso ' + PLANT);
    expect(doc.querySelector('[data-testid="report-who"]')?.textContent).toContain('Admin ' + PLANT);
    expect(doc.querySelector('#migration-list')?.textContent).toContain(PLANT + '.csv');
    expect(doc.title).toContain(PLANT);
    // The summary is plain text: kept as written.
    expect(text).toContain('Contoso ' + PLANT);
  });

  it('carries the migration list summary when a list is loaded, and says so in the copied summary', async () => {
    const list = ['Destination', 'adrian.fischer167@contoso.onmicrosoft.com', 'maya.kim82@contoso.onmicrosoft.com', 'hannah.kumar127@partner.example', 'nobody@contoso.com'].join('\n');
    const { doc, text } = await report(undefined, { fileName: 'mapping.csv', text: list });
    const section = doc.querySelector('#migration-list') as Element;
    expect(section.getAttribute('data-phase')).toBe('done');
    const count = (verdict: string): string | undefined => section.querySelector(`[data-verdict-count="${verdict}"] td`)?.textContent ?? undefined;
    expect([count('not-provisioned'), count('ready'), count('guest'), count('not-found')]).toEqual(['1', '1', '1', '1']);
    expect(text).toContain('Migration list \u2068mapping.csv\u2069: 4 rows — 1 not provisioned, 1 guest, 1 not found, 1 ready.');
  });

  it('the copied summary: counts, each check that does not pass with its next step and who takes it, the OneDrive counts', async () => {
    const { text, controller } = await report();
    const lines = text.split('\n');
    expect(lines[0]).toBe('Migration readiness — \u2068Contoso (contoso.onmicrosoft.com)\u2069');
    expect(lines[1]).toMatch(/^2026-03-04 05:06 UTC, run by /);
    const failing = controller.getState().results.filter((r) => r.status !== 'pass');
    for (const result of failing) {
      expect(text).toContain(result.title);
    }
    expect(text).toMatch(/OneDrives: 60 of \d+ licensed, enabled members have none \(0 requested\)\./);
    expect(lines.length).toBeLessThan(30);
  });

  it('names the file after the tenant and the time', async () => {
    const { controller } = await report();
    const state = controller.getState();
    expect(reportFileName(reportInputOf(state, [], NOW))).toBe('migration-readiness-contoso-20260304-0506.html');
  });
});
