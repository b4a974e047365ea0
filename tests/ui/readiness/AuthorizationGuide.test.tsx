import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { evaluate } from '../../../src/readiness/evaluate';
import { buildGuide, forwardMessageForGlobalAdmin } from '../../../src/readiness/guide';
import { buildTroubleshooting } from '../../../src/readiness/troubleshooting';
import { AuthorizationGuide } from '../../../src/ui/readiness/AuthorizationGuide';
import { Troubleshooting } from '../../../src/ui/readiness/Troubleshooting';
import { grant, readyFacts, SHAREPOINT_ADMIN, success } from '../../readiness/factsBuilder';

describe('AuthorizationGuide: what a SharePoint admin sees before consent', () => {
  const facts = readyFacts({ myRoles: success([SHAREPOINT_ADMIN]), grants: success([grant('Principal', 'spo', ['AllSites.Manage'], 'user-1')]) });
  const steps = buildGuide(facts, evaluate(facts));
  const message = forwardMessageForGlobalAdmin(facts);

  it('marks steps 1–5 done and steps 6–9 blocked, with the step 4 warning and the consent links', async () => {
    const { container } = render(<AuthorizationGuide steps={steps} forwardMessage={message} copyText={async () => true} />);
    const states = Array.prototype.map.call(container.querySelectorAll('[data-step]'), (li: Element) => `${li.getAttribute('data-step')}:${li.getAttribute('data-state')}`);
    expect(states).toEqual(['1:done', '2:done', '3:done', '4:done', '5:done', '6:blocked', '7:blocked', '8:blocked', '9:blocked']);
    const step4 = container.querySelector('[data-step="4"]') as HTMLElement;
    // Fluent's MessageBar renders its text after a delay.
    expect(await within(step4).findByText(/Consent on behalf of your organization/)).toBeTruthy();
    const step8 = container.querySelector('[data-step="8"]') as HTMLElement;
    expect(within(step8).getAllByRole('link').some((a) => /adminconsent/.test(a.getAttribute('href') || ''))).toBe(true);
    expect(within(step8).getByText('Blocked')).toBeTruthy();
  });

  it('copies the message for the Global admin, or shows it to copy by hand when the host refuses', async () => {
    const copied: string[] = [];
    const { unmount } = render(<AuthorizationGuide steps={steps} forwardMessage={message} copyText={async (t) => (copied.push(t), true)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy message for your Global admin' }));
    expect(await screen.findByText(/Copied/)).toBeTruthy();
    expect(copied[0]).toContain('aka.ms/office365moverauth');
    unmount();

    render(<AuthorizationGuide steps={steps} forwardMessage={message} copyText={async () => false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy message for your Global admin' }));
    expect(await screen.findByText(/Could not copy automatically/)).toBeTruthy();
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe(message);
  });
});

describe('Troubleshooting: the cases the facts point to are open', () => {
  it('opens "Tenant lacks SPO license" when the tenant has no SharePoint plan', () => {
    const facts = readyFacts({ skus: success([]) });
    const { container } = render(<Troubleshooting cases={buildTroubleshooting(facts, evaluate(facts))} />);
    expect(container.querySelector('[data-case="tenant-lacks-spo-license"]')?.getAttribute('data-expanded')).toBe('true');
    expect(container.querySelector('[data-case="app-access-error"]')?.getAttribute('data-expanded')).toBe('false');
    expect(screen.getByText(/App access error/)).toBeTruthy();
  });
});
