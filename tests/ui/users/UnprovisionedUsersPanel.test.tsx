import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UnprovisionedUsersPanel } from '../../../src/ui/users/UnprovisionedUsersPanel';
import { panelProps, sampleRows } from './fixtures';

function count(): HTMLElement {
  return screen.getByTestId('unprovisioned-count');
}

function shownText(): string {
  return screen.getByText(/^Showing \d+ of \d+$/).textContent || '';
}

/** The checkbox of a user's row, named by the row header (the user's name). */
function rowCheckbox(name: string): HTMLElement {
  return screen.getByRole('checkbox', { name: new RegExp('Select user ' + name) });
}

function grid(): HTMLElement {
  return screen.getByRole('grid', { name: 'Users without a OneDrive' });
}

function visibleNames(): string[] {
  return within(grid())
    .queryAllByRole('rowheader')
    .map((cell) => cell.textContent || '');
}

async function choose(user: ReturnType<typeof userEvent.setup>, dropdown: string, option: string): Promise<void> {
  await user.click(screen.getByRole('combobox', { name: new RegExp(dropdown) }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('UnprovisionedUsersPanel: summary', () => {
  test('shows the unprovisioned count (not provisioned + requested) and an accessible chart with a legend', () => {
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    expect(count().textContent).toBe('4');
    expect(count().getAttribute('aria-busy')).toBeNull();
    const chart = screen.getByRole('img', { name: /OneDrive status chart/ });
    expect(chart.getAttribute('aria-label')).toBe(
      'OneDrive status chart: 21 provisioned, 1 requested (pending), 3 not provisioned, 9 excluded (3 guests, 2 disabled, 4 unlicensed).',
    );
    const legend = screen.getByRole('list', { name: 'Chart legend' });
    expect(legend.textContent).toContain('Provisioned: 21');
    expect(legend.textContent).toContain('Requested (pending): 1');
    expect(legend.textContent).toContain('1 of them overdue');
    expect(legend.textContent).toContain('Not provisioned: 3');
    expect(legend.textContent).toContain('3 guest(s), 2 disabled account(s), 4 without a OneDrive license');
  });

  test('while the first scan runs the count reads … and is busy, with the progress announced', () => {
    const props = panelProps({
      rows: [],
      scan: {
        running: true,
        progress: { phase: 'reading', userPagesDone: 2, sitePagesDone: 1, usersSeen: 1998, sitesSeen: 500, estimatedTotalPages: 12 },
      },
    });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(count().textContent).toBe('…');
    expect(count().getAttribute('aria-busy')).toBe('true');
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText('Reading users and OneDrives: page 3 of about 12 (1998 users, 500 OneDrives so far)').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('grid')).toBeNull();
  });

  test('cancel and re-check call back', async () => {
    const user = userEvent.setup();
    const running = panelProps({ scan: { running: true } });
    const { unmount } = render(<UnprovisionedUsersPanel {...running} />);
    await user.click(screen.getByRole('button', { name: 'Cancel scan' }));
    expect(running.onCancelScan).toHaveBeenCalledTimes(1);
    unmount();

    const done = panelProps();
    render(<UnprovisionedUsersPanel {...done} />);
    expect(screen.getByText(/^Last checked: /)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Re-check OneDrives' }));
    expect(done.onRescan).toHaveBeenCalledTimes(1);
  });

  test('no count before any scan', () => {
    render(<UnprovisionedUsersPanel {...panelProps({ rows: [], scan: { running: false } })} />);
    expect(screen.queryByTestId('unprovisioned-count')).toBeNull();
    expect(screen.getByText("The users' OneDrives have not been checked yet.")).toBeTruthy();
  });
});

describe('UnprovisionedUsersPanel: list', () => {
  test('lists the rows with their state; an overdue request is flagged in text', () => {
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    expect(shownText()).toBe('Showing 5 of 5');
    expect(visibleNames()).toEqual(['Alice Archer', 'Bob Baker', 'Carol Cruz', 'Dave Dunn', 'Erin Evans']);
    const dave = screen.getByRole('row', { name: /^Dave Dunn/ });
    expect(within(dave).getByText(/^Requested /)).toBeTruthy();
    expect(within(dave).getByText('overdue')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /^Carol Cruz/ })).getByText('OneDrive only')).toBeTruthy();
  });

  test('search narrows the list by name, UPN, mail or department', async () => {
    const user = userEvent.setup();
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    const search = screen.getByRole('searchbox', { name: 'Search users' });
    await user.type(search, 'bob');
    expect(shownText()).toBe('Showing 1 of 5');
    expect(visibleNames()).toEqual(['Bob Baker']);
    await user.clear(search);
    await user.type(search, 'finance');
    expect(shownText()).toBe('Showing 2 of 5');
    await user.clear(search);
    await user.type(search, 'alice.archer@');
    expect(visibleNames()).toEqual(['Alice Archer']);
  });

  test('filters by state and by department', async () => {
    const user = userEvent.setup();
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    await choose(user, 'State', 'Requested (pending)');
    expect(shownText()).toBe('Showing 1 of 5');
    expect(visibleNames()).toEqual(['Dave Dunn']);
    await choose(user, 'State', 'Not provisioned');
    expect(visibleNames()).toEqual(['Alice Archer', 'Bob Baker', 'Carol Cruz']);
    await choose(user, 'Department', 'Sales');
    expect(visibleNames()).toEqual(['Alice Archer', 'Bob Baker']);
    await choose(user, 'State', 'All states');
    await choose(user, 'Department', '(No department)');
    expect(visibleNames()).toEqual(['Erin Evans']);
  });

  test('sorts by a column header, with aria-sort', async () => {
    const user = userEvent.setup();
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    const header = screen.getAllByRole('columnheader').filter((h) => /Name/.test(h.textContent || '') && !/principal/.test(h.textContent || ''))[0] as HTMLElement;
    expect(header.getAttribute('aria-sort')).toBe('none');
    await user.click(within(header).getByText('Name'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(header).getByText('Name'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(visibleNames()).toEqual(['Erin Evans', 'Dave Dunn', 'Carol Cruz', 'Bob Baker', 'Alice Archer']);
  });
});

describe('UnprovisionedUsersPanel: selection and request', () => {
  test('the request button is disabled with a reason until users are selected', () => {
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    const button = screen.getByRole('button', { name: 'Request OneDrive for 0 selected' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Select one or more users in the list to request their OneDrive.')).toBeTruthy();
  });

  test('selected rows → Request → confirm → onRequest with exactly their UPNs', async () => {
    const user = userEvent.setup();
    const props = panelProps();
    render(<UnprovisionedUsersPanel {...props} />);
    await user.click(rowCheckbox('Alice Archer'));
    await user.click(rowCheckbox('Carol Cruz'));
    expect(screen.getByText('2 selected')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Request OneDrive for 2 selected' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText('Request OneDrive for 2 user(s)?')).toBeTruthy();
    expect(within(dialog).getByText(/can take up to 24 hours/)).toBeTruthy();
    expect(within(dialog).getByText(/1 chunk\(s\) of at most 199 addresses/)).toBeTruthy();
    expect(props.onRequest).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Request' }));
    expect(props.onRequest).toHaveBeenCalledTimes(1);
    expect(props.onRequest).toHaveBeenCalledWith(['alice@contoso.com', 'carol@contoso.com']);
    expect(screen.getByText('0 selected')).toBeTruthy();
  });

  test('cancelling the confirmation sends nothing', async () => {
    const user = userEvent.setup();
    const props = panelProps();
    render(<UnprovisionedUsersPanel {...props} />);
    await user.click(rowCheckbox('Bob Baker'));
    await user.click(screen.getByRole('button', { name: 'Request OneDrive for 1 selected' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(props.onRequest).not.toHaveBeenCalled();
    expect(screen.getByText('1 selected')).toBeTruthy();
  });

  test('selection survives a search; "Select all N filtered" selects only the filtered, not-provisioned rows', async () => {
    const user = userEvent.setup();
    const props = panelProps();
    render(<UnprovisionedUsersPanel {...props} />);
    await user.click(rowCheckbox('Bob Baker'));
    const search = screen.getByRole('searchbox', { name: 'Search users' });
    await user.type(search, 'finance');
    expect(screen.getByText('1 selected (1 of them hidden by the search or filters)')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Select all 2 filtered' }));
    expect(screen.getByText('3 selected (1 of them hidden by the search or filters)')).toBeTruthy();

    // Widening the search again does not select the rows that come back into view.
    await user.clear(search);
    expect(screen.getByText('3 selected')).toBeTruthy();
    expect(rowCheckbox('Alice Archer').getAttribute('aria-checked')).toBe('false');
    expect(rowCheckbox('Bob Baker').getAttribute('aria-checked')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Request OneDrive for 3 selected' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Request' }));
    expect(props.onRequest).toHaveBeenCalledWith(['bob@contoso.com', 'carol@contoso.com', 'dave@contoso.com']);
  });

  test('keyboard: Space on a focused row selects it; Shift+click selects a range; Ctrl+A and Escape act on the shown rows', async () => {
    const user = userEvent.setup();
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    // Fluent's SelectionZone reads the legacy `which` code, which user-event does not set: the keys are fired with it.
    const press = (target: HTMLElement, which: number, extra: { ctrlKey?: boolean } = {}): void => {
      act(() => {
        fireEvent.keyDown(target, { which, keyCode: which, ...extra });
      });
    };
    const alice = screen.getByRole('row', { name: /^Alice Archer/ });
    alice.focus();
    press(alice, 32);
    expect(rowCheckbox('Alice Archer').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('1 selected')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.getByText('0 selected')).toBeTruthy();

    // A range from the anchor (Bob) to Dave: Carol and Dave too.
    await user.click(rowCheckbox('Bob Baker'));
    await user.keyboard('{Shift>}');
    await user.click(rowCheckbox('Dave Dunn'));
    await user.keyboard('{/Shift}');
    expect(screen.getByText('3 selected')).toBeTruthy();
    expect(rowCheckbox('Carol Cruz').getAttribute('aria-checked')).toBe('true');

    // Ctrl+A with the list narrowed to Sales selects the shown rows only; Escape unselects the shown rows only.
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'sales');
    expect(shownText()).toBe('Showing 2 of 5');
    const bob = screen.getByRole('row', { name: /^Bob Baker/ });
    bob.focus();
    press(bob, 65, { ctrlKey: true });
    expect(screen.getByText('4 selected (2 of them hidden by the search or filters)')).toBeTruthy();
    // (For 100 ms after a key Fluent takes a focus change for keyboard navigation: let it pass.)
    await new Promise((resolve) => setTimeout(resolve, 150));
    press(bob, 27);
    expect(screen.getByText('2 selected (2 of them hidden by the search or filters)')).toBeTruthy();
  });

  test('the header checkbox selects and unselects the shown rows only, and says when all shown rows are selected', async () => {
    const user = userEvent.setup();
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    await user.click(rowCheckbox('Bob Baker'));
    const selectAll = (): HTMLElement => screen.getByRole('checkbox', { name: 'Select all shown users' });
    expect(selectAll().getAttribute('aria-checked')).toBe('false');
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'finance');
    await user.click(selectAll());
    expect(screen.getByText('3 selected (1 of them hidden by the search or filters)')).toBeTruthy();
    expect(selectAll().getAttribute('aria-checked')).toBe('true');
    // Back to every row: not all of them are selected, and the header says so.
    await user.clear(screen.getByRole('searchbox', { name: 'Search users' }));
    expect(selectAll().getAttribute('aria-checked')).toBe('false');
    expect(rowCheckbox('Alice Archer').getAttribute('aria-checked')).toBe('false');
    // Narrowed again: the header is checked again; unchecking it leaves the hidden selection alone.
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'finance');
    expect(selectAll().getAttribute('aria-checked')).toBe('true');
    await user.click(selectAll());
    expect(screen.getByText('1 selected (1 of them hidden by the search or filters)')).toBeTruthy();
  });

  test('a search of spaces only is no search: every row in directory order', async () => {
    const user = userEvent.setup();
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'dave');
    expect(shownText()).toBe('Showing 1 of 5');
    await user.clear(screen.getByRole('searchbox', { name: 'Search users' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), '   ');
    expect(shownText()).toBe('Showing 5 of 5');
    expect(visibleNames()).toEqual(['Alice Archer', 'Bob Baker', 'Carol Cruz', 'Dave Dunn', 'Erin Evans']);
  });

  test('provisioned rows cannot be selected', () => {
    render(<UnprovisionedUsersPanel {...panelProps()} />);
    expect(screen.queryByRole('checkbox', { name: /Select user Erin Evans/ })).toBeNull();
  });

  test('while a request runs: progress by chunk, per-chunk results, cancel; the request button is disabled', async () => {
    const user = userEvent.setup();
    const props = panelProps({
      request: {
        running: true,
        progress: {
          chunksDone: 1,
          chunksTotal: 2,
          results: [
            { index: 0, emails: ['a@contoso.com', 'b@contoso.com'], ok: true, attempts: 1 },
            { index: 1, emails: ['c@contoso.com'], ok: false, attempts: 0 },
          ],
        },
      },
    });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText('Chunk 1 of 2 sent').getAttribute('role')).toBe('status');
    expect(screen.getByText('Chunk 1: 2 address(es) — queued')).toBeTruthy();
    expect(screen.getByText('Chunk 2: 1 address(es) — waiting')).toBeTruthy();
    expect(screen.getByText('A provisioning request is running: wait for it to finish or cancel it.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel request' }));
    expect(props.onCancelRequest).toHaveBeenCalledTimes(1);
  });
});

describe('UnprovisionedUsersPanel: exports', () => {
  test('Export CSV downloads the filtered rows only, BOM first', async () => {
    const user = userEvent.setup();
    const props = panelProps();
    render(<UnprovisionedUsersPanel {...props} />);
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'sales');
    await user.click(screen.getByRole('button', { name: 'Export CSV (2 shown)' }));

    expect(props.onDownload).toHaveBeenCalledTimes(1);
    const [fileName, content, mime] = (props.onDownload as jest.Mock).mock.calls[0] as [string, string, string];
    expect(fileName).toBe('unprovisioned-onedrive-users.csv');
    expect(mime).toBe('text/csv;charset=utf-8');
    expect(content.charAt(0)).toBe('\uFEFF');
    const lines = content.slice(1).split('\r\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('"User principal name"');
    expect(content).toContain('"alice@contoso.com"');
    expect(content).toContain('"bob@contoso.com"');
    expect(content).not.toContain('carol@contoso.com');
    expect(content).not.toContain('dave@contoso.com');
    expect(screen.getByText('CSV file with 2 user(s) downloaded.')).toBeTruthy();
  });

  test('CSV carries each row state', async () => {
    const user = userEvent.setup();
    const props = panelProps();
    render(<UnprovisionedUsersPanel {...props} />);
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'dave');
    await user.click(screen.getByRole('button', { name: 'Export CSV (1 shown)' }));
    const content = (props.onDownload as jest.Mock).mock.calls[0][1] as string;
    expect(content).toContain('"Requested, overdue (more than 24 hours)"');
  });

  test('PowerShell script: the not-provisioned shown rows when nothing is selected', async () => {
    const user = userEvent.setup();
    const props = panelProps();
    render(<UnprovisionedUsersPanel {...props} />);
    await user.click(screen.getByRole('button', { name: /Download PowerShell script \(4 not provisioned, shown\)/ }));
    const [fileName, content] = (props.onDownload as jest.Mock).mock.calls[0] as [string, string, string];
    expect(fileName).toBe('request-onedrive.ps1');
    expect(content).toContain('Request-SPOPersonalSite');
    expect(content).toContain("Connect-SPOService -Url 'https://contoso-admin.sharepoint.com'");
    expect(content).toContain("'alice@contoso.com'");
    expect(content).toContain("'dave@contoso.com'");
    expect(content).not.toContain('erin@contoso.com');
  });

  test('PowerShell script: the selected rows when some are selected', async () => {
    const user = userEvent.setup();
    const props = panelProps();
    render(<UnprovisionedUsersPanel {...props} />);
    await user.click(rowCheckbox('Bob Baker'));
    await user.click(screen.getByRole('button', { name: /Download PowerShell script \(1 selected\)/ }));
    const content = (props.onDownload as jest.Mock).mock.calls[0][1] as string;
    expect(content).toContain('Request-SPOPersonalSite');
    expect(content).toContain("'bob@contoso.com'");
    expect(content).not.toContain('alice@contoso.com');
    expect(screen.getByText('PowerShell script for 1 address(es) in 1 call(s) downloaded.')).toBeTruthy();
  });

  test('no rows: a plain statement, no list and no exports', () => {
    const props = panelProps({ rows: [] });
    render(<UnprovisionedUsersPanel {...props} />);
    expect(count().textContent).toBe('0');
    expect(screen.getByText('Every licensed, enabled member user has a OneDrive.')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
    expect(screen.queryByRole('button', { name: /Export/ })).toBeNull();
  });
});

test('sample rows fixture stays as the tests expect', () => {
  expect(sampleRows()).toHaveLength(5);
});

describe('UnprovisionedUsersPanel: new data', () => {
  test('after a re-check, a selected user who is now provisioned is no longer selected; others stay selected', async () => {
    const user = userEvent.setup();
    const rows = sampleRows();
    const props = panelProps({ rows });
    const { rerender } = render(<UnprovisionedUsersPanel {...props} />);
    await user.click(rowCheckbox('Alice Archer'));
    await user.click(rowCheckbox('Bob Baker'));
    expect(screen.getByText('2 selected')).toBeTruthy();

    const next = rows.map((r) => (r.user.id === 'alice' ? { user: r.user, status: { state: 'provisioned' as const } } : r));
    rerender(<UnprovisionedUsersPanel {...props} rows={next} />);
    expect(screen.getByText('1 selected')).toBeTruthy();
    expect(count().textContent).toBe('3');
    expect(rowCheckbox('Bob Baker').getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByRole('checkbox', { name: /Select user Alice Archer/ })).toBeNull();
    expect(within(screen.getByRole('row', { name: /^Alice Archer/ })).getByText('Provisioned')).toBeTruthy();
  });
});
