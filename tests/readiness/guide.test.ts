import { buildGuide, forwardMessageForGlobalAdmin, type GuideStep } from '../../src/readiness/guide';
import { evaluate } from '../../src/readiness/evaluate';
import { APP_ID, failed, grant, noAppFacts, readyFacts, SHAREPOINT_ADMIN, SP_ID, success, TENANT_ID, USER_ADMIN } from './factsBuilder';
import type { TenantFacts } from '../../src/readiness/facts';

function guide(facts: TenantFacts): GuideStep[] {
  return buildGuide(facts, evaluate(facts));
}

function states(steps: GuideStep[]): string[] {
  return steps.map((s) => s.state);
}

const perUserOnly = [grant('Principal', 'spo', ['AllSites.Manage'], 'u'), grant('Principal', 'graph', ['User.Read', 'offline_access'], 'u')];

describe('guide', () => {
  it('has the seed 9 steps in order; 1–5 any admin, 6–9 Global admin', () => {
    const steps = guide(readyFacts());
    expect(steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(steps.map((s) => s.who)).toEqual([
      'any-admin', 'any-admin', 'any-admin', 'any-admin', 'any-admin',
      'global-admin', 'global-admin', 'global-admin', 'global-admin',
    ]);
    expect(steps[0]?.detail).toContain('Authorize New Connector');
    expect(steps[0]?.links?.[0]?.href).toBe('https://app.mover.io');
  });

  it('all done in a ready tenant', () => {
    expect(states(guide(readyFacts()))).toEqual(Array(9).fill('done'));
  });

  it('step 4 warns not to consent on behalf of the organization and advises "User assignment required"', () => {
    const step4 = guide(readyFacts())[3];
    expect(step4?.warning).toContain('Consent on behalf of your organization');
    expect(step4?.warning).toContain('Do NOT');
    expect(step4?.tip).toContain('User assignment required');
    expect(step4?.links?.[0]?.href).toContain(`/Properties/objectId/${SP_ID}/appId/${APP_ID}`);
  });

  it('no app, Global admin: everything to do; 6–9 say to do 1–5 first and link aka.ms', () => {
    const steps = guide(noAppFacts());
    expect(states(steps)).toEqual(Array(9).fill('todo'));
    expect(steps[5]?.reason).toContain('steps 1–5 first');
    expect(steps[5]?.links?.map((l) => l.href)).toEqual(['https://aka.ms/office365moverauth']);
    expect(steps[3]?.links).toBeUndefined();
  });

  it('app exists, per-user consent only, Global admin: 1–5 done, 6–9 todo with consent links', () => {
    const steps = guide(readyFacts({ grants: success(perUserOnly) }));
    expect(states(steps)).toEqual(['done', 'done', 'done', 'done', 'done', 'todo', 'todo', 'todo', 'todo']);
    expect(steps[4]?.detail).toContain('As a Global admin, continue with steps 6–9.');
    for (const step of steps.slice(5)) {
      expect(step.links?.map((l) => l.href)).toEqual([
        `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Permissions/objectId/${SP_ID}/appId/${APP_ID}`,
        `https://login.microsoftonline.com/${TENANT_ID}/adminconsent?client_id=${APP_ID}`,
        'https://aka.ms/office365moverauth',
      ]);
    }
    expect(steps[7]?.detail).toContain('Grant admin consent for Contoso');
  });

  it('SharePoint admin: 6–9 blocked "needs a Global admin"; step 5 says to point the Global admin to aka.ms', () => {
    const steps = guide(readyFacts({ myRoles: success([SHAREPOINT_ADMIN]), grants: success(perUserOnly) }));
    expect(states(steps)).toEqual(['done', 'done', 'done', 'done', 'done', 'blocked', 'blocked', 'blocked', 'blocked']);
    expect(steps[6]?.reason).toBe('Needs a Global admin.');
    expect(steps[4]?.detail).toContain('point your Global admin to https://aka.ms/office365moverauth');
  });

  it('SharePoint admin whose tenant already has consent: 6–9 done, not blocked', () => {
    expect(states(guide(readyFacts({ myRoles: success([SHAREPOINT_ADMIN]) })))).toEqual(Array(9).fill('done'));
  });

  it('neither role: 1–5 blocked (needs a Global or SharePoint admin), 6–9 blocked', () => {
    const steps = guide(noAppFacts({ myRoles: success([USER_ADMIN]) }));
    expect(states(steps)).toEqual(Array(9).fill('blocked'));
    expect(steps[0]?.reason).toBe('Needs a Global or SharePoint admin.');
  });

  it('unreadable app or grants: todo with the reason', () => {
    const app = guide(readyFacts({ connectorApp: failed(503, 'ServiceUnavailable', 'busy') }));
    expect(app[0]).toMatchObject({ state: 'todo' });
    expect(app[0]?.reason).toContain('busy');
    const grants = guide(readyFacts({ grants: failed(403, 'Authorization_RequestDenied', 'denied') }));
    expect(grants[0]?.state).toBe('done');
    expect(grants[5]?.state).toBe('todo');
    expect(grants[5]?.reason).toContain('denied');
  });
});

describe('forwardMessageForGlobalAdmin', () => {
  it('asks for steps 6–9 with the blade, aka.ms and admin consent links and the scopes', () => {
    const text = forwardMessageForGlobalAdmin(readyFacts({ myRoles: success([SHAREPOINT_ADMIN]), grants: success(perUserOnly) }));
    expect(text).toContain('steps 6–9');
    expect(text).toContain(`ManagedAppMenuBlade/~/Permissions/objectId/${SP_ID}/appId/${APP_ID}`);
    expect(text).toContain('https://aka.ms/office365moverauth');
    expect(text).toContain(`https://login.microsoftonline.com/${TENANT_ID}/adminconsent?client_id=${APP_ID}`);
    expect(text).toContain('SharePoint/AllSites.Manage: Create, edit, and delete items and lists in all your site collections');
    expect(text).toContain('Contoso');
    expect(text.split('\n').length).toBeGreaterThan(5);
  });

  it('without the app: asks for consent once steps 1–5 are done, aka.ms only', () => {
    const text = forwardMessageForGlobalAdmin(noAppFacts({ tenant: failed(500, 'x', 'y') }));
    expect(text).toContain('Once the connector is authorized');
    expect(text).toContain('https://aka.ms/office365moverauth');
    expect(text).not.toContain('adminconsent');
    expect(text).toContain('your organization');
  });
});
