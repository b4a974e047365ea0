/**
 * The users chunk fails to load (webpack's import() rejects with a ChunkLoadError when the script does not arrive):
 * the users section shows the error with Retry, the rest of the pane stays, and Retry loads the panel.
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { LazyUsersPanel } from '../../src/ui/lazy/LazyUsersPanel';
import { panelProps } from '../ui/users/fixtures';

const attempts = { failuresLeft: 1, count: 0 };

jest.mock('../../src/ui/users/UnprovisionedUsersPanel', () => {
  attempts.count++;
  if (attempts.failuresLeft > 0) {
    attempts.failuresLeft--;
    const error = new Error('Loading chunk users failed.\n(error: https://publiccdn.sharepointonline.com/contoso.sharepoint.com/chunk.users_0123.js)');
    error.name = 'ChunkLoadError';
    throw error;
  }
  return jest.requireActual('../../src/ui/users/UnprovisionedUsersPanel');
});

test('a rejected import shows the error with Retry, the pane stays, and Retry loads the panel', async () => {
  render(
    <main>
      <h1>Migration readiness</h1>
      <LazyUsersPanel {...panelProps()} />
    </main>,
  );
  expect(screen.getByTestId('lazy-loading-users')).toBeTruthy();

  const error = await screen.findByTestId('lazy-error-users');
  // MessageBar renders its text a moment later (DelayedRender, so screen readers announce it).
  await waitFor(() => expect(error.textContent).toContain('The users list could not be loaded.'));
  expect(error.textContent).toContain('The rest of the page works. Check the network connection, then select Retry.');
  expect(error.textContent).toContain('(Details: Loading chunk users failed.)');
  expect(screen.getByRole('heading', { name: 'Migration readiness' })).toBeTruthy();
  expect(screen.queryByTestId('unprovisioned-count')).toBeNull();
  expect(attempts.count).toBe(1);

  fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(screen.getByTestId('lazy-loading-users')).toBeTruthy();
  expect((await screen.findByTestId('unprovisioned-count')).textContent).toBe('4');
  expect(screen.queryByTestId('lazy-error-users')).toBeNull();
  expect(attempts.count).toBe(2);
});
