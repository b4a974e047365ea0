/** What the admin sees of the report: Export report downloads the HTML, Copy summary copies it or shows it to copy by hand. */
import * as React from 'react';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CHECK_IDS, type CheckResult } from '../../src/readiness/check';
import type { ReportInput } from '../../src/report/input';
import { ReportActions } from '../../src/ui/report/ReportActions';
import { REPORT_LABELS } from '../../src/ui/report/reportInput';
import type { HostServices } from '../../src/ui/host';

function input(): ReportInput {
  const checks: CheckResult[] = CHECK_IDS.map((id, i) => ({ id, title: `Check ${id}`, status: i === 0 ? 'fail' : 'pass', evidence: [`evidence of ${id}`], ...(i === 0 ? { nextStep: 'Buy SharePoint Online.', who: 'global-admin' as const } : {}) }));
  return {
    generatedAt: new Date('2026-03-04T05:06:07Z'),
    tenant: { id: 't', displayName: 'Contoso', initialDomain: 'contoso.onmicrosoft.com' },
    runBy: { displayName: 'Admin', userPrincipalName: 'admin@contoso.onmicrosoft.com' },
    connector: { displayName: 'Office 365 Mover' },
    gathering: false,
    checks,
    guide: [],
    users: { state: 'done', considered: 10, provisioned: 8, notProvisioned: 2, requested: 0, excluded: { guests: 1, disabled: 0, unlicensed: 0 }, method: 'tenant-admin' },
    connection: [],
    labels: REPORT_LABELS,
  };
}

afterEach(cleanup);

describe('ReportActions', () => {
  it('Export report downloads one HTML file with every check', async () => {
    const host: HostServices = { copyText: jest.fn(async () => true), download: jest.fn() };
    render(<ReportActions host={host} input={input} />);
    await userEvent.click(screen.getByTestId('export-report'));
    const [name, html, mime] = (host.download as jest.Mock).mock.calls[0] as [string, string, string];
    expect(name).toBe('migration-readiness-contoso-20260304-0506.html');
    expect(mime).toBe('text/html;charset=utf-8');
    for (const id of CHECK_IDS) {
      expect(html).toContain(`data-check-id="${id}"`);
    }
    expect(html).toContain('data-check-id="tenant-spo-license" data-status="fail"');
    expect(screen.getByRole('status').textContent).toBe('Report downloaded: migration-readiness-contoso-20260304-0506.html');
  });

  it('Copy summary copies the plain text; where the clipboard is refused it shows the text to copy', async () => {
    const copied: string[] = [];
    const host: HostServices = { copyText: jest.fn(async (text: string) => (copied.push(text), true)), download: jest.fn() };
    const { unmount } = render(<ReportActions host={host} input={input} />);
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Copy summary' }));
    });
    await screen.findByText('Summary copied: paste it into a Teams chat or an email.');
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('Checks: 8 pass, 0 warning, 1 fail, 0 could not tell.');
    expect(copied[0]).toContain('✗ Fail: Check tenant-spo-license');
    expect(copied[0]).toContain('Next step (A Global admin): Buy SharePoint Online.');
    unmount();
    const refusing: HostServices = { copyText: jest.fn(async () => false), download: jest.fn() };
    render(<ReportActions host={refusing} input={input} />);
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Copy summary' }));
    });
    const box = (await screen.findByRole('textbox', { name: 'Summary to copy' })) as HTMLTextAreaElement;
    await screen.findByText(/cannot use the clipboard here/);
    expect(box.value).toContain('Migration readiness — ');
  });
});
