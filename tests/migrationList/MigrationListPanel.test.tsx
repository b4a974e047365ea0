/** @jest-environment ./tests/support/jsdom-with-fetch.js */
/**
 * What the admin sees of the migration list: the drop zone (and that the file stays in the browser), the rows with their
 * verdicts and reasons, the counts, the column choice, messages for a bad file and failed lookups, the request of the
 * not-provisioned rows, and the exports. Views come from the real domain (session over an in-memory lookup).
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within, cleanup } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { failure } from '../../src/common/outcome';
import type { MigrationListView } from '../../src/migrationList/types';
import { MigrationListPanel, type MigrationListPanelProps } from '../../src/ui/migrationList/MigrationListPanel';
import { FakeLookup, scanInputs, settled, testSession, user, type TenantUser } from './support';

const TENANT: TenantUser[] = [
  { ...user('ann@contoso.com'), site: true },
  { ...user('bob@contoso.com', { displayName: 'Bob <b>Builder</b>' }) },
  { ...user('cy@contoso.com') },
  { ...user('gina_fabrikam.com#EXT#@contoso.onmicrosoft.com', { mail: 'gina@fabrikam.com', userType: 'Guest', enabledPlanIds: [] }) },
];

async function viewOf(text: string, lookup = new FakeLookup(TENANT)): Promise<MigrationListView> {
  const { session } = testSession(lookup, { yieldNow: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) });
  session.setScan(await scanInputs(TENANT));
  await session.load({ fileName: 'mapping.csv', text });
  return settled(session);
}

function props(view: MigrationListView, extra: Partial<MigrationListPanelProps> = {}): MigrationListPanelProps {
  return {
    view,
    requestRunning: false,
    adminUrl: 'https://contoso-admin.sharepoint.com',
    onLoad: jest.fn(),
    onChooseColumn: jest.fn(),
    onRetryLookups: jest.fn(),
    onCancel: jest.fn(),
    onClear: jest.fn(),
    onRequest: jest.fn(),
    onDownload: jest.fn(),
    now: () => new Date('2026-03-04T05:06:07Z'),
    ...extra,
  };
}

function rows(container: HTMLElement): Array<{ line: string; destination: string; verdict: string }> {
  return Array.from(container.querySelectorAll('[data-mapping-row]')).map((row) => ({
    line: row.getAttribute('data-mapping-row') || '',
    destination: row.getAttribute('data-destination') || '',
    verdict: row.getAttribute('data-verdict') || '',
  }));
}

const LIST = 'Source,Destination\nold1@x.example,Ann@Contoso.com \nold2@x.example,bob@contoso.com\nold3@x.example,gina@fabrikam.com\nold4@x.example,cy@contoso.com\nold5@x.example,nobody@contoso.com\n';

afterEach(cleanup);

describe('MigrationListPanel', () => {
  it('offers a drop zone holding a file input, and says the file never leaves the browser', () => {
    const { container } = render(<MigrationListPanel {...props({ phase: 'empty' })} />);
    const zone = screen.getByTestId('mapping-input');
    expect(zone.querySelector('input[type="file"]')).not.toBeNull();
    expect(screen.getByTestId('mapping-privacy').textContent).toMatch(/never leaves this browser.*nothing is uploaded/);
    expect(container.querySelectorAll('[data-mapping-row]')).toHaveLength(0);
  });

  it('reads a dropped file and a picked file in the browser and hands over their bytes', async () => {
    const onLoad = jest.fn();
    render(<MigrationListPanel {...props({ phase: 'empty' }, { onLoad })} />);
    const file = new File(['\uFEFFDestination\r\nann@contoso.com\r\n'], 'list.csv', { type: 'text/csv' });
    fireEvent.drop(screen.getByTestId('mapping-input'), { dataTransfer: { files: [file] } });
    await waitFor(() => expect(onLoad).toHaveBeenCalledTimes(1));
    const input = onLoad.mock.calls[0][0] as { fileName: string; bytes: Uint8Array };
    expect(input.fileName).toBe('list.csv');
    expect(Array.from(input.bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const picked = screen.getByTestId('mapping-input').querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(picked, new File(['bob@contoso.com'], 'picked.txt', { type: 'text/plain' }));
    await waitFor(() => expect(onLoad).toHaveBeenCalledTimes(2));
    expect((onLoad.mock.calls[1][0] as { fileName: string }).fileName).toBe('picked.txt');
  });

  it('checks pasted text', async () => {
    const onLoad = jest.fn();
    const u = userEvent.setup();
    render(<MigrationListPanel {...props({ phase: 'empty' }, { onLoad })} />);
    await u.type(screen.getByRole('textbox', { name: /paste/i }), 'ann@contoso.com');
    await u.click(screen.getByRole('button', { name: 'Check pasted list' }));
    expect(onLoad).toHaveBeenCalledWith({ fileName: 'pasted list', text: 'ann@contoso.com' });
  });

  it('shows each row with its destination as written, its verdict, reason and next step, and the counts', async () => {
    const view = await viewOf(LIST);
    const { container } = render(<MigrationListPanel {...props(view)} />);
    expect(rows(container)).toEqual([
      { line: '2', destination: 'Ann@Contoso.com', verdict: 'ready' },
      { line: '3', destination: 'bob@contoso.com', verdict: 'not-provisioned' },
      { line: '4', destination: 'gina@fabrikam.com', verdict: 'guest' },
      { line: '5', destination: 'cy@contoso.com', verdict: 'not-provisioned' },
      { line: '6', destination: 'nobody@contoso.com', verdict: 'not-found' },
    ]);
    const bob = container.querySelector('[data-destination="bob@contoso.com"]') as HTMLElement;
    expect(bob.textContent).toMatch(/OneDrive does not exist yet/);
    expect(bob.textContent).toMatch(/Next step: Request the OneDrive/);
    // Tenant data is text, never markup.
    expect(bob.querySelector('b')).toBeNull();
    expect(bob.textContent).toContain('Bob <b>Builder</b>');
    const summary = screen.getByTestId('mapping-summary');
    expect(summary.querySelector('[data-verdict-count="not-provisioned"]')?.textContent).toBe('Not provisioned: 2');
    expect(summary.querySelector('[data-verdict-count="ready"]')?.getAttribute('data-count')).toBe('1');
    expect(summary.textContent).toContain('5 rows');
    expect(screen.getByTestId('mapping-status').textContent).toMatch(/mapping\.csv: 5 rows checked/);
    expect(screen.getByRole('combobox', { name: /^Destination column/ }).textContent).toContain('Destination (e.g. Ann@Contoso.com)');
    expect(screen.getByText('Found by its header.')).toBeTruthy();
  });

  it('requests exactly the selected not-provisioned rows after a confirmation', async () => {
    const view = await viewOf(LIST);
    const onRequest = jest.fn();
    const u = userEvent.setup();
    render(<MigrationListPanel {...props(view, { onRequest })} />);
    expect(screen.getByRole('button', { name: 'Request OneDrive for 0 selected' }).hasAttribute('disabled') || screen.getByRole('button', { name: 'Request OneDrive for 0 selected' }).getAttribute('aria-disabled') === 'true').toBe(true);
    await u.click(screen.getByRole('checkbox', { name: /line 5 \(cy@contoso\.com\)/ }));
    await u.click(screen.getByRole('button', { name: 'Request OneDrive for 1 selected' }));
    await u.click(await screen.findByRole('button', { name: 'Request' }));
    expect(onRequest).toHaveBeenCalledWith(['cy@contoso.com']);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await u.click(screen.getByRole('button', { name: 'Select all 2 not provisioned' }));
    await u.click(screen.getByRole('button', { name: 'Request OneDrive for 2 selected' }));
    await u.click(await screen.findByRole('button', { name: 'Request' }));
    expect(onRequest).toHaveBeenLastCalledWith(['bob@contoso.com', 'cy@contoso.com']);
    expect(screen.getByTestId('mapping-message').textContent).toMatch(/Requested 2 OneDrive/);
  });

  it('exports the checked list and the PowerShell script for the not-provisioned rows', async () => {
    const view = await viewOf(LIST);
    const onDownload = jest.fn();
    const u = userEvent.setup();
    render(<MigrationListPanel {...props(view, { onDownload })} />);
    await u.click(screen.getByRole('button', { name: /Download the checked list/ }));
    const [name, csv, mime] = onDownload.mock.calls[0] as [string, string, string];
    expect(name).toBe('mapping-checked.csv');
    expect(mime).toMatch(/^text\/csv/);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF"Source","Destination","Verdict","Reason","Resolved UPN"');
    expect(csv).toContain('"old2@x.example","bob@contoso.com","not-provisioned"');
    await u.click(screen.getByRole('button', { name: 'PowerShell script for all 2 not provisioned' }));
    const [scriptName, script] = onDownload.mock.calls[1] as [string, string];
    expect(scriptName).toBe('request-onedrives-20260304.ps1');
    expect(script).toContain("'bob@contoso.com'");
    expect(script).toContain("'cy@contoso.com'");
    expect(script).not.toContain('gina@fabrikam.com');
  });

  it('shows the resolved sign-in name of a ready row the scan resolved by mail, and exports it', async () => {
    const tenant: TenantUser[] = [...TENANT, { ...user('dan@contoso.onmicrosoft.com', { mail: 'Dan.Diaz@contoso.com' }), site: true }];
    const lookup = new FakeLookup(tenant);
    const { session } = testSession(lookup, { yieldNow: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) });
    session.setScan(await scanInputs(tenant));
    await session.load({ fileName: 'mapping.csv', text: 'Source,Destination\nold1@x.example,dan.diaz@contoso.com\nold2@x.example,ann@contoso.com\n' });
    const view = await settled(session);
    const onDownload = jest.fn();
    const u = userEvent.setup();
    const { container } = render(<MigrationListPanel {...props(view, { onDownload })} />);
    const dan = container.querySelector('[data-destination="dan.diaz@contoso.com"]') as HTMLElement;
    expect(dan.getAttribute('data-verdict')).toBe('ready');
    expect(within(dan).getByText('dan@contoso.onmicrosoft.com')).toBeTruthy();
    const ann = container.querySelector('[data-destination="ann@contoso.com"]') as HTMLElement;
    // As written, and as resolved.
    expect(within(ann).getAllByText('ann@contoso.com')).toHaveLength(2);
    await u.click(screen.getByRole('button', { name: /Download the checked list/ }));
    const csv = (onDownload.mock.calls[0] as [string, string])[1];
    const lines = csv.split('\r\n');
    expect(lines[1]).toMatch(/^"old1@x\.example","dan\.diaz@contoso\.com","ready","[^"]*","dan@contoso\.onmicrosoft\.com"$/);
    expect(lines[2]).toMatch(/^"old2@x\.example","ann@contoso\.com","ready","[^"]*","ann@contoso\.com"$/);
    expect(lookup.calls).toHaveLength(0);
  });

  it('filters by verdict, and shows a long list a page at a time', async () => {
    const many = ['Destination', ...Array.from({ length: 250 }, (_v, i) => `user${i}@nowhere.example`), 'bob@contoso.com'].join('\n');
    const view = await viewOf(many);
    const u = userEvent.setup();
    const { container } = render(<MigrationListPanel {...props(view)} />);
    expect(rows(container)).toHaveLength(200);
    expect(screen.getByTestId('mapping-shown').textContent).toBe('Showing 200 of 251 rows');
    await u.click(screen.getByRole('button', { name: 'Show 51 more' }));
    expect(rows(container)).toHaveLength(251);
    await u.click(screen.getByRole('combobox', { name: /^Show/ }));
    await u.click(await screen.findByRole('option', { name: 'Not provisioned (1)' }));
    expect(rows(container)).toEqual([{ line: '252', destination: 'bob@contoso.com', verdict: 'not-provisioned' }]);
  });

  it('lets the admin choose another destination column', async () => {
    const view = await viewOf('Destination,Backup\nnobody@contoso.com,ann@contoso.com\n');
    const onChooseColumn = jest.fn();
    const u = userEvent.setup();
    render(<MigrationListPanel {...props(view, { onChooseColumn })} />);
    await u.click(screen.getByRole('combobox', { name: /^Destination column/ }));
    await u.click(await screen.findByRole('option', { name: 'Backup (e.g. ann@contoso.com)' }));
    expect(onChooseColumn).toHaveBeenCalledWith(1);
  });

  it('names the line of a malformed file and says nothing else changed', async () => {
    const { session } = testSession(new FakeLookup(TENANT));
    await session.load({ fileName: 'bad.csv', text: 'Destination\nann@contoso.com\n"bob@contoso.com\n' });
    render(<MigrationListPanel {...props(await settled(session))} />);
    // MessageBar renders its text a moment later (for screen readers to announce it).
    await waitFor(() => expect(screen.getByTestId('mapping-error').textContent).toMatch(/Line 3: a quoted field opens here and is never closed.*Nothing else on the page changed/));
  });

  it('waits for the scan, saying why', async () => {
    const { session } = testSession(new FakeLookup(TENANT));
    session.setScan({ running: true, rows: [] });
    await session.load({ fileName: 'l.csv', text: 'ann@contoso.com' });
    render(<MigrationListPanel {...props(await settled(session))} />);
    expect(screen.getByTestId('mapping-status').textContent).toBe('l.csv: 1 rows read. Waiting for the OneDrive scan to finish to give their verdicts.');
  });

  it('says which lookups failed and why, and offers to retry them', async () => {
    const lookup = new FakeLookup(TENANT);
    lookup.down = failure(429, 'TooManyRequests', 'Too many requests.');
    const view = await viewOf('gina@fabrikam.com\nann@contoso.com', lookup);
    const onRetryLookups = jest.fn();
    const u = userEvent.setup();
    const { container } = render(<MigrationListPanel {...props(view, { onRetryLookups })} />);
    expect(rows(container).map((r) => r.verdict)).toEqual(['unknown', 'ready']);
    const bar = screen.getByTestId('mapping-lookup-failure');
    await waitFor(() => expect(bar.textContent).toMatch(/1 address\(es\) could not be looked up: HTTP 429 TooManyRequests/));
    await u.click(within(bar).getByRole('button', { name: 'Retry lookups' }));
    expect(onRetryLookups).toHaveBeenCalled();
  });
});
