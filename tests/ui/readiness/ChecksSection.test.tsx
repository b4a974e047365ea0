import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { evaluate } from '../../../src/readiness/evaluate';
import { ChecksSection } from '../../../src/ui/readiness/ChecksSection';
import { Summary } from '../../../src/ui/readiness/Summary';
import { readyFacts, success } from '../../readiness/factsBuilder';

describe('ChecksSection: reads at a glance', () => {
  // One failure (no consent) among passes, and one warning (assignment off).
  const facts = readyFacts({ grants: success([]) });
  const app = facts.connectorApp.ok && facts.connectorApp.value ? facts.connectorApp.value : undefined;
  const results = evaluate({ ...facts, connectorApp: success(app ? { ...app, appRoleAssignmentRequired: false } : undefined) });

  it('puts failures first, then warnings, then passes, and every check keeps its contract attributes', () => {
    const { container } = render(<ChecksSection results={results} gathering={false} />);
    const order = Array.prototype.map.call(container.querySelectorAll('[data-check-id]'), (el: Element) => `${el.getAttribute('data-check-id')}:${el.getAttribute('data-status')}`) as string[];
    expect(order).toHaveLength(9);
    const statuses = order.map((o) => o.split(':')[1]);
    const firstPass = statuses.indexOf('pass');
    expect(statuses.slice(0, firstPass)).toEqual(['fail', 'fail', 'warn']);
    expect(statuses.slice(firstPass).every((s) => s === 'pass')).toBe(true);
    expect(order[0]).toBe('connector-consent:fail');
  });

  it('shows a passing check as one line that expands to its evidence (keyboard-operable button with aria-expanded)', () => {
    const { container } = render(<ChecksSection results={results} gathering={false} />);
    const card = container.querySelector('[data-check-id="tenant-spo-license"]') as HTMLElement;
    const body = card.querySelector('[id="check-tenant-spo-license-body"]') as HTMLElement;
    expect(body.hidden).toBe(true);
    const toggle = within(card).getByRole('button', { name: 'Show what was found' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(body.hidden).toBe(false);
    expect(within(card).getByRole('button', { name: 'Hide what was found' }).getAttribute('aria-expanded')).toBe('true');
    // A failing check is never collapsed: its next step is visible at once.
    const failing = container.querySelector('[data-check-id="connector-consent"]') as HTMLElement;
    expect(within(failing).queryByRole('button', { name: 'Show what was found' })).toBeNull();
    expect(within(failing).getByText(/Next step/)).toBeTruthy();
  });

  it('counts right in the summary: "1 warning", not "1 warnings"', async () => {
    render(<Summary results={results} gathering={false} />);
    // Fluent's MessageBar renders its text after a delay.
    await waitFor(() => expect(screen.getByTestId('summary').textContent).toMatch(/6 passed, 1 warning, 0 could not be checked, 0 still running\./));
  });
});

describe('ChecksSection: the transport’s waits', () => {
  const wait = { status: 429, seconds: 12, asked: true, until: new Date(2026, 0, 5, 14, 3, 27).toISOString(), host: 'graph.microsoft.com' };

  it('says that the running checks wait for Microsoft 365, and until when', async () => {
    render(<ChecksSection results={[]} gathering wait={wait} />);
    // Fluent's MessageBar renders its text a moment later (for screen readers).
    await waitFor(() => expect(screen.getByTestId('checks-wait').textContent).toContain('Microsoft 365 asked us to wait 12 s (throttled) — continuing at 14:03:27.'));
  });

  it('says a backoff of ours as such, and nothing once no check is running', async () => {
    const { rerender } = render(<ChecksSection results={[]} gathering wait={{ ...wait, status: 503, asked: false, seconds: 4 }} />);
    await waitFor(() =>
      expect(screen.getByTestId('checks-wait').textContent).toContain('Microsoft 365 is busy (HTTP 503) — waiting 4 s before trying again, continuing at 14:03:27.'),
    );
    const done = evaluate(readyFacts());
    rerender(<ChecksSection results={done} gathering={false} wait={wait} />);
    expect(screen.queryByTestId('checks-wait')).toBeNull();
  });
});
