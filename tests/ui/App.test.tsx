/** @jest-environment ./tests/support/jsdom-with-fetch.js */
import * as React from 'react';
import { render, screen, waitFor, within, fireEvent, cleanup } from '@testing-library/react';
import { App } from '../../src/ui/App';
import type { HostServices } from '../../src/ui/host';
import { controllerFor, scenario, startTenant, type TestTenant } from '../support/tenant';

const host: HostServices = { copyText: jest.fn(async () => false), download: jest.fn() };

function checkElement(container: HTMLElement, id: string): HTMLElement {
  const element = container.querySelector(`[data-check-id="${id}"]`);
  if (!element) {
    throw new Error(`no check ${id}`);
  }
  return element as HTMLElement;
}

async function renderPane(name: string, edit?: (f: ReturnType<typeof scenario>) => void): Promise<{ tenant: TestTenant; container: HTMLElement }> {
  const fixture = scenario(name);
  if (edit) {
    edit(fixture);
  }
  const tenant = await startTenant(fixture);
  const controller = controllerFor(tenant);
  const { container } = render(<App controller={controller} host={host} />);
  void controller.start();
  return { tenant, container };
}

describe('the pane, over the tenant simulator', () => {
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    cleanup();
    if (tenant) {
      await tenant.close();
    }
  });

  it('shows every check as running first, then a warning with its next step and who must act', async () => {
    const rendered = await renderPane('assignment-off');
    tenant = rendered.tenant;
    expect(checkElement(rendered.container, 'connector-user-assignment').getAttribute('data-status')).toBe('running');
    await waitFor(() => expect(checkElement(rendered.container, 'connector-user-assignment').getAttribute('data-status')).toBe('warn'), { timeout: 10000 });
    const card = checkElement(rendered.container, 'connector-user-assignment');
    expect(within(card).getByText('Warning')).toBeTruthy();
    expect(within(card).getByText(/User assignment required/i, { selector: 'p' })).toBeTruthy();
    expect(within(card).getByText('A Global admin')).toBeTruthy();
    expect(checkElement(rendered.container, 'connector-consent').getAttribute('data-status')).toBe('pass');
  });

  it('shows a failing consent check with the consent table, and the guide with the consent links', async () => {
    const rendered = await renderPane('no-admin-consent');
    tenant = rendered.tenant;
    await waitFor(() => expect(checkElement(rendered.container, 'connector-consent').getAttribute('data-status')).toBe('fail'), { timeout: 10000 });
    const card = checkElement(rendered.container, 'connector-consent');
    expect(within(card).getByText('Fail')).toBeTruthy();
    const table = within(card).getByRole('table');
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(3);
    const consentLinks = within(card).getAllByRole('link');
    expect(consentLinks.some((a) => /adminconsent\?client_id=/.test(a.getAttribute('href') || ''))).toBe(true);
    expect(consentLinks.every((a) => a.getAttribute('target') === '_blank' && /noopener/.test(a.getAttribute('rel') || ''))).toBe(true);
    expect(await screen.findByText(/Step 8/)).toBeTruthy();
  });

  it('shows a passing pane as ready, and the unprovisioned count once the scan ends', async () => {
    const rendered = await renderPane('ready');
    tenant = rendered.tenant;
    await waitFor(() => expect(rendered.container.querySelectorAll('[data-status="pass"][data-check-id]')).toHaveLength(9), { timeout: 10000 });
    expect(await screen.findByText('Ready')).toBeTruthy();
    expect(screen.getByTestId('unprovisioned-count').textContent).toBe('0');
  });

  it('shows a missing permission as unknown, naming the scope and where to approve it', async () => {
    const rendered = await renderPane('ready', (f) => {
      f.grantedScopes = ['User.Read', 'SharePoint/AllSites.FullControl'];
    });
    tenant = rendered.tenant;
    await waitFor(() => expect(checkElement(rendered.container, 'tenant-spo-license').getAttribute('data-status')).toBe('unknown'), { timeout: 10000 });
    const card = checkElement(rendered.container, 'tenant-spo-license');
    expect(card.textContent).toMatch(/Directory\.Read\.All/);
    expect(card.textContent).toMatch(/API access/);
  });

  it('re-checks on demand', async () => {
    const rendered = await renderPane('ready');
    tenant = rendered.tenant;
    await waitFor(() => expect(rendered.container.querySelectorAll('[data-status="pass"][data-check-id]')).toHaveLength(9), { timeout: 10000 });
    const before = rendered.tenant.sim.log.filter((e) => e.path.indexOf('/subscribedSkus') >= 0).length;
    fireEvent.click(screen.getByRole('button', { name: /Re-check every readiness condition/ }));
    await waitFor(() => expect(rendered.tenant.sim.log.filter((e) => e.path.indexOf('/subscribedSkus') >= 0).length).toBe(before + 1));
  });
});
