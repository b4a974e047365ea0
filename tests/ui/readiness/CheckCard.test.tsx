import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import type { CheckResult } from '../../../src/readiness/check';
import { CheckCard } from '../../../src/ui/readiness/CheckCard';

const failing: CheckResult = {
  id: 'tenant-spo-license',
  title: 'Tenant has a SharePoint Online license',
  status: 'fail',
  evidence: ['Subscriptions seen: EXCHANGESTANDARD (Enabled).'],
  nextStep: 'Buy a Microsoft 365 plan that includes SharePoint Online.',
  who: 'global-admin',
  links: [{ label: 'Purchase services', href: 'https://admin.microsoft.com/Adminportal/Home#/catalog' }],
};

describe('CheckCard: what the admin sees', () => {
  it('a failing check: status in words, evidence, next step, who, and a link that opens outside', () => {
    const { container } = render(<CheckCard id="tenant-spo-license" title="x" result={failing} />);
    const card = container.querySelector('[data-check-id="tenant-spo-license"]') as HTMLElement;
    expect(card.getAttribute('data-status')).toBe('fail');
    expect(within(card).getByRole('heading', { name: failing.title })).toBeTruthy();
    expect(within(card).getByText('Fail')).toBeTruthy();
    expect(within(card).getByText(failing.evidence[0] as string)).toBeTruthy();
    expect(within(card).getByText(failing.nextStep as string)).toBeTruthy();
    expect(within(card).getByText('A Global admin')).toBeTruthy();
    const link = within(card).getByRole('link', { name: /Purchase services/ });
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('a warning check shows "Warning" and who must act', () => {
    render(<CheckCard id="admin-role" title="x" result={{ id: 'admin-role', title: 'You are a Global admin', status: 'warn', evidence: ['SharePoint admin only.'], nextStep: 'Forward steps 6–9.', who: 'global-admin' }} />);
    expect(screen.getByText('Warning')).toBeTruthy();
    expect(screen.getByText('Forward steps 6–9.')).toBeTruthy();
  });

  it('a passing check says "Pass" and does not ask anyone to act', () => {
    render(<CheckCard id="connector-app" title="x" result={{ id: 'connector-app', title: 'The app is in your tenant', status: 'pass', evidence: ['Found.'], who: 'any-admin' }} />);
    expect(screen.getByText('Pass')).toBeTruthy();
    expect(screen.queryByText('Who:')).toBeNull();
  });

  it('while facts are gathered the check is marked running, with a skeleton', () => {
    const { container } = render(<CheckCard id="users-onedrive" title="Every licensed user has a OneDrive" />);
    const card = container.querySelector('[data-check-id="users-onedrive"]') as HTMLElement;
    expect(card.getAttribute('data-status')).toBe('running');
    expect(card.getAttribute('aria-busy')).toBe('true');
    expect(within(card).getByText('Checking…')).toBeTruthy();
  });
});
