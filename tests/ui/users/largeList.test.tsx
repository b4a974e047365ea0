import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { UserRow } from '../../../src/app/state';
import { UnprovisionedUsersPanel } from '../../../src/ui/users/UnprovisionedUsersPanel';
import { doneScan, panelProps } from './fixtures';
import { pagedListProps, ROW_HEIGHT } from '../../../src/ui/users/UsersTable';

const COUNT = 100000;
const DEPARTMENTS = ['Sales', 'Finance', 'Engineering', 'Legal', 'Support'];

function bigRows(): UserRow[] {
  const rows: UserRow[] = new Array<UserRow>(COUNT);
  for (let i = 0; i < COUNT; i++) {
    const id = 'user' + String(i);
    rows[i] = {
      user: { id, upn: id + '@contoso.com', displayName: 'User ' + String(i), department: DEPARTMENTS[i % DEPARTMENTS.length], license: 'sharepoint' },
      status: i % 10 === 0 ? { state: 'requested', requestedAt: '2026-03-01T08:00:00.000Z', requestedBy: 'admin@contoso.com' } : { state: 'not-provisioned' },
    };
  }
  return rows;
}

test('100,000 rows: the count is shown and only a handful of rows are in the DOM', () => {
  const rows = bigRows();
  const props = panelProps({ rows, scan: doneScan(rows) });
  const started = Date.now();
  render(<UnprovisionedUsersPanel {...props} />);
  const renderMs = Date.now() - started;

  expect(screen.getByTestId('unprovisioned-count').textContent).toBe(String(COUNT));
  expect(screen.getByText('Showing 100000 of 100000')).toBeTruthy();
  const grid = screen.getByRole('grid', { name: 'Users without a OneDrive' });
  expect(grid.closest('[data-is-scrollable="true"]')).not.toBeNull();
  const rendered = within(grid).queryAllByRole('row').length;
  expect(rendered).toBeGreaterThan(1);
  expect(rendered).toBeLessThan(100);
  expect(renderMs).toBeLessThan(10000);

  // A keystroke filters the 100,000 rows at once.
  const search = screen.getByRole('searchbox', { name: 'Search users' });
  const typed = Date.now();
  act(() => {
    fireEvent.change(search, { target: { value: 'user9999' } });
  });
  expect(Date.now() - typed).toBeLessThan(2000);
  // user9999, user99990..user99999
  expect(screen.getByText('Showing 11 of 100000')).toBeTruthy();

  // Select all filtered, then clear the search: only those 11 stay selected.
  act(() => {
    fireEvent.click(screen.getByRole('button', { name: 'Select all 11 filtered' }));
  });
  act(() => {
    fireEvent.change(search, { target: { value: '' } });
  });
  expect(screen.getByText('11 selected')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Request OneDrive for 11 selected' })).toBeTruthy();
  // From 11 rows back to 100,000: still only a handful of rows in the DOM (the page heights follow the new rows).
  expect(within(grid).queryAllByRole('row').length).toBeLessThan(100);
}, 60000);

test('page heights come from the row height and the shown row count, the last page included', () => {
  let shown = 25;
  const props = pagedListProps(43, () => shown);
  const height = props.getPageHeight as (itemIndex?: number, visibleRect?: unknown, itemCount?: number) => number;
  expect((props.getItemCountForPage as () => number)()).toBe(10);
  expect(height(0, undefined, 10)).toBe(430);
  expect(height(20, undefined, 10)).toBe(5 * 43);
  shown = 300000;
  expect(height(20, undefined, 10)).toBe(430);
  expect(ROW_HEIGHT).toBe(43);
});
