/**
 * The users section as App renders it (LazyUsersPanel, under "Users without a OneDrive"): the skeleton while the users
 * chunk loads, then the panel. Under jest a dynamic import() is a require on a later tick, so the skeleton is really
 * on screen first. (One test file per page load: the chunk is loaded once per module registry.)
 */
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { LazyUsersPanel, usersPanelChunk } from '../../src/ui/lazy/LazyUsersPanel';
import { panelProps } from '../ui/users/fixtures';

test('the users section shows the skeleton while the users chunk loads, then the panel', async () => {
  expect(usersPanelChunk.loaded()).toBeUndefined();
  render(<LazyUsersPanel {...panelProps()} />);

  const skeleton = screen.getByTestId('lazy-loading-users');
  expect(skeleton.getAttribute('role')).toBe('status');
  expect(skeleton.getAttribute('aria-busy')).toBe('true');
  expect(skeleton.textContent).toBe('Loading the users list\u2026');
  expect(skeleton.querySelectorAll('.ms-Shimmer-container')).toHaveLength(6);
  expect(screen.queryByTestId('unprovisioned-count')).toBeNull();

  expect((await screen.findByTestId('unprovisioned-count')).textContent).toBe('4');
  expect(screen.queryByTestId('lazy-loading-users')).toBeNull();
  expect(screen.getByRole('grid', { name: 'Users without a OneDrive' })).toBeTruthy();
});

test('once loaded, the users section renders at once (no skeleton on a second mount)', () => {
  expect(usersPanelChunk.loaded()).toBeDefined();
  render(<LazyUsersPanel {...panelProps()} />);
  expect(screen.queryByTestId('lazy-loading-users')).toBeNull();
  expect(screen.getByTestId('unprovisioned-count').textContent).toBe('4');
});
