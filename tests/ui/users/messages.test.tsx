import * as React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BulkRequestState } from '../../../src/provisioning/requestProvisioning';
import type { ScanCheckpoint } from '../../../src/provisioning/scan';
import { failure } from '../../../src/common/outcome';
import { clockTime } from '../../../src/common/format';
import { UnprovisionedUsersPanel } from '../../../src/ui/users/UnprovisionedUsersPanel';
import { doneScan, panelProps, resultFor, sampleRows } from './fixtures';

const checkpoint: ScanCheckpoint = {
  version: 1,
  usersDone: false,
  sitesDone: true,
  userPagesDone: 3,
  sitePagesDone: 2,
  usersSeen: 2997,
  sitesSeen: 800,
  excluded: { guests: 0, disabled: 0, unlicensed: 0 },
  users: [],
  siteOwners: [],
  method: 'tenant-admin',
};

describe('scan messages', () => {
  test('a failed scan shows the reason, a next step and Resume when a checkpoint exists', async () => {
    const user = userEvent.setup();
    const props = panelProps({
      rows: [],
      scan: { running: false, failure: failure(500, 'generalException', 'General exception while processing.'), checkpoint },
    });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(await screen.findByText('The scan stopped: General exception while processing. (HTTP 500, generalException)')).toBeTruthy();
    expect(screen.getByText(/Try again in a few minutes.*Resume to continue/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resume scan' }));
    expect(props.onResumeScan).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('unprovisioned-count')).toBeNull();
  });

  test('a throttled scan offers to wait as long as Microsoft 365 asked, then continue from where it stopped', async () => {
    const user = userEvent.setup();
    const props = panelProps({
      rows: [],
      scan: { running: false, failure: failure(503, 'serviceNotAvailable', 'The service is temporarily unavailable.', { retryAfterSeconds: 30 }), checkpoint },
    });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(await screen.findByText('The scan stopped: The service is temporarily unavailable. (HTTP 503, serviceNotAvailable)')).toBeTruthy();
    expect(screen.getByText(/Microsoft 365 asked us to wait 30 s \(throttled\), longer than the scan waits on its own/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Wait 30 s and continue' }));
    expect(props.onResumeScan).toHaveBeenCalledTimes(1);
  });

  test('a failed scan without a checkpoint offers a re-check, not Resume', async () => {
    const props = panelProps({ rows: [], scan: { running: false, failure: failure(403, 'accessDenied', 'Access denied.') } });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(await screen.findByText(/The scan stopped: Access denied. \(HTTP 403, accessDenied\)/)).toBeTruthy();
    expect(screen.getByText(/SharePoint admin.*Re-check OneDrives to scan again/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Resume scan' })).toBeNull();
  });

  test('a cancelled scan says so and can resume', async () => {
    const user = userEvent.setup();
    const props = panelProps({ rows: [], scan: { running: false, cancelled: true, checkpoint } });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(await screen.findByText('The scan was cancelled before it finished.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resume scan' }));
    expect(props.onResumeScan).toHaveBeenCalledTimes(1);
  });

  test('the per-user method shows its notice', async () => {
    const rows = sampleRows();
    const result = { ...resultFor(rows), method: 'per-user' as const, methodNotice: 'The tenant-wide list of OneDrives could not be read (HTTP 403).' };
    render(<UnprovisionedUsersPanel {...panelProps({ rows, scan: doneScan(rows, { result }) })} />);
    expect(await screen.findByText(/The tenant-wide list of OneDrives could not be read \(HTTP 403\)\./)).toBeTruthy();
  });

  test('a re-scan keeps the last count, marked busy', () => {
    const rows = sampleRows();
    render(<UnprovisionedUsersPanel {...panelProps({ rows, scan: { ...doneScan(rows), running: true } })} />);
    const count = screen.getByTestId('unprovisioned-count');
    expect(count.textContent).toBe('4');
    expect(count.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('progressbar')).toBeTruthy();
  });
});

describe('request messages', () => {
  const failedState: BulkRequestState = {
    chunks: [
      { index: 0, emails: ['alice@contoso.com', 'bob@contoso.com'], ok: true, attempts: 1, sentAt: '2026-03-02T10:00:00.000Z' },
      {
        index: 1,
        emails: ['carol@contoso.com'],
        ok: false,
        attempts: 1,
        sentAt: '2026-03-02T10:00:01.000Z',
        failure: failure(200, 'Microsoft.SharePoint.SPException', 'Access denied. You do not have permission to perform this action.'),
      },
    ],
    unlogged: [],
    cancelled: false,
  };

  test('a failed chunk: the reason, the known limitation, Retry failed chunks and the PowerShell fallback', async () => {
    const user = userEvent.setup();
    const props = panelProps({ request: { running: false, state: failedState } });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(
      await screen.findByText('1 chunk(s) failed. Last reason: Access denied. You do not have permission to perform this action. (HTTP 200, Microsoft.SharePoint.SPException)'),
    ).toBeTruthy();
    expect(screen.getByText(/HTTP 200 with an access-denied body/)).toBeTruthy();
    expect(screen.getByText(/download the PowerShell script/)).toBeTruthy();
    expect(screen.getByText('1 chunk(s) queued (2 address(es)), 1 failed, 0 not sent.')).toBeTruthy();
    expect(screen.getByText(/^Chunk 2: 1 address\(es\) — failed: Access denied/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Retry failed chunks' }));
    expect(props.onRetryFailed).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Download PowerShell script for the 1 address(es) not queued' }));
    const [fileName, content] = (props.onDownload as jest.Mock).mock.calls[0] as [string, string];
    expect(fileName).toBe('request-onedrive.ps1');
    expect(content).toContain('Request-SPOPersonalSite');
    expect(content).toContain("'carol@contoso.com'");
    expect(content).not.toContain("'alice@contoso.com'");
  });

  test('all chunks queued: success, no retry', async () => {
    const state: BulkRequestState = { chunks: [failedState.chunks[0]!], unlogged: [], cancelled: false };
    render(<UnprovisionedUsersPanel {...panelProps({ request: { running: false, state } })} />);
    expect(await screen.findByText(/All 2 address\(es\) were queued/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry failed chunks' })).toBeNull();
  });

  test('a log write warning is shown', async () => {
    const state: BulkRequestState = { ...failedState, logWarning: '1 request(s) could not be recorded in the provisioning log list (Throttled).' };
    render(<UnprovisionedUsersPanel {...panelProps({ request: { running: false, state } })} />);
    expect(await screen.findByText('1 request(s) could not be recorded in the provisioning log list (Throttled).')).toBeTruthy();
  });
});

describe('one sender at a time', () => {
  test('while another admin holds the turn to send: who, until when, and that their addresses will be left out', async () => {
    const progress = { chunksDone: 1, chunksTotal: 3, results: [], waitingFor: { holder: { session: 's-2', name: 'ben@contoso.com' }, until: '2026-03-02T10:03:00.000Z' } };
    render(<UnprovisionedUsersPanel {...panelProps({ request: { running: true, progress } })} />);
    const waiting = await screen.findByTestId('request-waiting');
    expect(waiting.textContent).toBe(
      `Waiting for ben@contoso.com, who is sending a provisioning request from another session (another browser or tab): their turn ends by ${clockTime('2026-03-02T10:03:00.000Z')} at the latest. Then yours goes on, leaving out the addresses they sent.`,
    );
  });

  test('a holder the list did not name is "another admin"; no wait, no message', async () => {
    const progress = { chunksDone: 0, chunksTotal: 1, results: [], waitingFor: { holder: { session: '', name: '' }, until: '2026-03-02T10:03:00.000Z' } };
    const { unmount } = render(<UnprovisionedUsersPanel {...panelProps({ request: { running: true, progress } })} />);
    expect((await screen.findByTestId('request-waiting')).textContent).toMatch(/^Waiting for another admin who is sending/);
    unmount();
    render(<UnprovisionedUsersPanel {...panelProps({ request: { running: true, progress: { chunksDone: 0, chunksTotal: 1, results: [] } } })} />);
    expect(screen.queryByTestId('request-waiting')).toBeNull();
  });

  test('a turn that could not be claimed is said after the request', async () => {
    const state: BulkRequestState = {
      chunks: [{ index: 0, emails: ['alice@contoso.com'], ok: true, attempts: 1 }],
      unlogged: [],
      cancelled: false,
      leaseWarning: 'The turn to send could not be claimed in the shared provisioning log (HTTP 503: unavailable), so the request went on without it.',
    };
    render(<UnprovisionedUsersPanel {...panelProps({ request: { running: false, state } })} />);
    expect(await screen.findByText(/could not be claimed in the shared provisioning log \(HTTP 503/)).toBeTruthy();
  });
});

describe('log location', () => {
  test('a browser-only log: a persistent warning with the reason and the next step', async () => {
    const props = panelProps({
      log: { entries: [], kind: 'browser', fallbackReason: failure(403, 'accessDenied', 'You need Manage Lists permission to create a list.') },
    });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(await screen.findByText(/kept in this browser only/)).toBeTruthy();
    expect(screen.getByText('Reason: You need Manage Lists permission to create a list. (HTTP 403, accessDenied)')).toBeTruthy();
    expect(screen.getByText(/permission to create a list on this site/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Close|Dismiss/ })).toBeNull();
  });

  test('a log that cannot be read is an error', async () => {
    const props = panelProps({ log: { entries: [], kind: 'sharepoint-list', loadFailure: failure(0, 'NetworkError', 'Failed to fetch') } });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(await screen.findByText(/The provisioning log could not be read: Failed to fetch/)).toBeTruthy();
  });

  test('a shared log needs no notice', () => {
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    expect(screen.queryByText(/kept in this browser only/)).toBeNull();
  });
});
