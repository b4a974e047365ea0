import * as React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { PathReport } from '../../src/app/connectionReport';
import { ConnectionReport } from '../../src/ui/ConnectionReport';

const rows: PathReport[] = [
  { path: 'graph', outcome: 'ok', tried: 'graph-reads', host: 'graph.microsoft.com' },
  { path: 'site', outcome: 'fallback', tried: 'log-list', host: 'contoso.sharepoint.com', fallback: 'browser-storage', answer: { status: 403, code: 'AccessDenied', message: 'Access denied.' } },
  {
    path: 'admin-enumeration',
    outcome: 'fallback',
    tried: 'csom-enumeration',
    host: 'contoso-admin.sharepoint.com',
    fallback: 'per-user-graph',
    answer: { status: 401, code: 'Unauthorized', message: 'Invalid audience', correlationId: '5a9f3c1e-0000-4000-8000-00000000c0de' },
  },
  { path: 'provisioning', outcome: 'not-tried', tried: 'enqueue-paths' },
];

describe('ConnectionReport: which way each call went', () => {
  it('renders one row per path with the contract attributes, the answer and its correlation id', () => {
    const { container } = render(<ConnectionReport rows={rows} copyText={async () => true} now={() => '2026-12-02T10:00:00Z'} />);
    const report = screen.getByTestId('connection-report');
    const found = Array.prototype.map.call(report.querySelectorAll('[data-path]'), (tr: Element) => `${tr.getAttribute('data-path')}=${tr.getAttribute('data-outcome')}`);
    expect(found).toEqual(['graph=ok', 'site=fallback', 'admin-enumeration=fallback', 'provisioning=not-tried']);
    const admin = container.querySelector('[data-path="admin-enumeration"]') as HTMLElement;
    expect(admin.textContent).toContain('HTTP 401 Unauthorized: Invalid audience');
    expect(admin.textContent).toContain('5a9f3c1e-0000-4000-8000-00000000c0de');
    expect(admin.textContent).toContain('contoso-admin.sharepoint.com');
    expect(admin.textContent).toMatch(/one by one through Microsoft Graph/);
  });

  it('says when licensing was read from the assigned plans, and why (a subscription not plainly enabled)', () => {
    const plans: PathReport[] = [
      {
        path: 'graph',
        outcome: 'fallback',
        tried: 'graph-reads',
        host: 'graph.microsoft.com',
        fallback: 'assigned-plans',
        answer: { status: 200, code: 'SubscriptionNotEnabled', message: 'subscribedSkus: ENTERPRISEPACK (Warning)' },
      },
    ];
    const { container } = render(<ConnectionReport rows={plans} copyText={async () => true} now={() => '2026-12-02T10:00:00Z'} />);
    const graph = container.querySelector('[data-path="graph"]') as HTMLElement;
    expect(graph.getAttribute('data-outcome')).toBe('fallback');
    expect(graph.textContent).toContain("licensing read from their assigned plans");
    expect(graph.textContent).toContain('ENTERPRISEPACK (Warning)');
  });

  it('"Copy report" copies plain text naming every path, its answer and correlation id', async () => {
    let copied = '';
    render(
      <ConnectionReport
        rows={rows}
        copyText={async (text) => {
          copied = text;
          return true;
        }}
        now={() => '2026-12-02T10:00:00Z'}
      />,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy report' }));
    });
    expect(copied.split('\n')[0]).toBe('Migration Readiness connection report (2026-12-02T10:00:00Z)');
    expect(copied).toContain('[admin-enumeration] Tenant admin host (list of every OneDrive): Fell back');
    expect(copied).toContain('  Correlation id: 5a9f3c1e-0000-4000-8000-00000000c0de');
    expect(copied).toContain('[provisioning] Provisioning request (CreatePersonalSiteEnqueueBulk): Not tried yet');
    expect(copied).toContain('  Answer: HTTP 403 AccessDenied: Access denied.');
  });

  it('shows the text to copy by hand when the host refuses the clipboard (Teams)', async () => {
    render(<ConnectionReport rows={rows} copyText={async () => false} now={() => '2026-12-02T10:00:00Z'} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy report' }));
    });
    const box = screen.getByRole('textbox', { name: 'Copy report' }) as HTMLTextAreaElement;
    expect(box.value).toContain('[graph] Microsoft Graph');
  });
});
