import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import type { LogView } from '../../../src/app/state';
import { ProvisioningHistory, HISTORY_ROWS } from '../../../src/ui/users/ProvisioningHistory';

const entry = (id: string, at: string, emails: string[], result: 'enqueued' | 'failed' = 'enqueued', detail?: string) => ({
  id,
  requestedBy: 'admin@contoso.com',
  requestedAt: at,
  emails,
  result,
  ...(detail ? { detail } : {}),
});

describe('ProvisioningHistory: who asked, when, for whom, and the result', () => {
  it('lists requests newest first, with the addresses and the outcome', () => {
    const log: LogView = {
      kind: 'sharepoint-list',
      entries: [
        entry('a', '2026-11-20T10:00:00.000Z', ["o'brien@contoso.com"]),
        entry('b', '2026-11-22T10:00:00.000Z', ['a@contoso.com', 'b@contoso.com', 'c@contoso.com', 'd@contoso.com', 'e@contoso.com'], 'failed', 'Access denied'),
      ],
    };
    render(<ProvisioningHistory log={log} />);
    const table = screen.getByRole('table');
    expect(within(table).getByText(/shared list/)).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('a@contoso.com, b@contoso.com, c@contoso.com and 2 more');
    expect(rows[0]?.textContent).toContain('Failed: Access denied');
    expect(rows[1]?.textContent).toContain("o'brien@contoso.com");
    expect(rows[1]?.textContent).toContain('Queued');
    expect(rows[1]?.textContent).toContain('admin@contoso.com');
  });

  it(`shows the ${HISTORY_ROWS} most recent and says how many there are, and where the log lives`, () => {
    const entries = Array.from({ length: 25 }, (_, i) => entry(`r${i}`, `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`, [`u${i}@contoso.com`]));
    render(<ProvisioningHistory log={{ kind: 'browser', entries }} />);
    expect(screen.getByText(/The 20 most recent of 25 request\(s\), from this browser only/)).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(HISTORY_ROWS + 1);
    expect(screen.getByText('u24@contoso.com')).toBeTruthy();
    expect(screen.queryByText('u0@contoso.com')).toBeNull();
  });

  it('says when nothing was requested yet', () => {
    render(<ProvisioningHistory log={{ kind: 'sharepoint-list', entries: [] }} />);
    expect(screen.getByText(/No OneDrive has been requested/)).toBeTruthy();
  });
});
