import { explainFailure, unknownFromFailure } from '../../src/readiness/unknown';
import { failed, readyFacts, success } from './factsBuilder';

const API_ACCESS = 'https://contoso-admin.sharepoint.com/_layouts/15/online/AdminHome.aspx#/webApiPermissionManagement';

describe('unknown (failure → next step)', () => {
  const facts = readyFacts();

  it('always carries the reason: status, code and message', () => {
    const e = explainFailure(failed(418, 'Teapot', 'I am a teapot'), 'the thing', facts);
    expect(e.evidence).toEqual(['Could not read the thing.', 'The service answered 418 Teapot: I am a teapot']);
    expect(e.nextStep).toMatch(/Re-check/);
    expect(e.who).toBe('any-admin');
  });

  it('names the missing scope and where a Global admin approves it', () => {
    const e = explainFailure(failed(403, 'Authorization_RequestDenied', 'Insufficient privileges', { missingScope: 'Directory.Read.All' }), 'grants', facts);
    expect(e.nextStep).toBe('Ask a Global admin to approve Directory.Read.All for this web part in SharePoint admin center → Advanced → API access, then select Re-check.');
    expect(e.who).toBe('global-admin');
    expect(e.links).toEqual([{ label: 'SharePoint admin center → API access', href: API_ACCESS }]);
  });

  it('treats a missing scope as a permission problem whatever the status', () => {
    expect(explainFailure(failed(400, 'BadRequest', 'x', { missingScope: 'User.Read.All' }), 'x', facts).who).toBe('global-admin');
  });

  it('403 with a permission code but no scope: approve pending requests in API access', () => {
    const e = explainFailure(failed(403, 'accessDenied', 'Access denied'), 'x', facts);
    expect(e.nextStep).toContain('SharePoint admin center → Advanced → API access');
    expect(e.who).toBe('global-admin');
  });

  it('403 with another code: generic refusal, still points at API access', () => {
    const e = explainFailure(failed(403, 'SiteLocked', 'Locked'), 'x', facts);
    expect(e.evidence).toContain('The service refused the request.');
    expect(e.who).toBe('any-admin');
    expect(e.links?.[0]?.href).toBe(API_ACCESS);
  });

  it('falls back to the generic API access address when the tenant is unknown', () => {
    const unknownTenant = readyFacts({ tenant: failed(500, 'x', 'y') });
    const e = explainFailure(failed(403, 'Forbidden', 'no', { missingScope: 'Organization.Read.All' }), 'x', unknownTenant);
    expect(e.links?.[0]?.href).toBe('https://admin.microsoft.com/sharepoint?page=webApiPermissionManagement&modern=true');
  });

  it('401: sign-in expired, reload', () => {
    const e = explainFailure(failed(401, 'InvalidAuthenticationToken', 'expired'), 'x', facts);
    expect(e.evidence).toContain('Your sign-in has expired.');
    expect(e.nextStep).toBe('Reload the page to sign in again, then select Re-check.');
  });

  it('429 and 5xx: busy, Re-check later (with Retry-After when given)', () => {
    expect(explainFailure(failed(429, 'TooManyRequests', 'slow down', { retryAfterSeconds: 4.2 }), 'x', facts).nextStep).toBe(
      'The service asked to wait 5 seconds: select Re-check after that.'
    );
    for (const status of [429, 500, 502, 503, 504]) {
      const e = explainFailure(failed(status, 'Busy', 'busy'), 'x', facts);
      expect(e.evidence).toContain('The service is busy or temporarily unavailable.');
      expect(e.nextStep).toBe('Wait a few minutes, then select Re-check.');
    }
  });

  it('404: explains (generic, or the caller\'s hint)', () => {
    expect(explainFailure(failed(404, 'ResourceNotFound', 'nope'), 'x', facts).evidence).toContain(
      'The service says it does not exist, or it is not visible to your account.'
    );
    expect(explainFailure(failed(404, 'ResourceNotFound', 'nope'), 'x', facts, 'Hint!').evidence).toContain('Hint!');
  });

  it('status 0: no answer, check the network', () => {
    const e = explainFailure(failed(0, 'AbortError', 'cancelled'), 'x', facts);
    expect(e.evidence[1]).toBe('No answer from the service (AbortError: cancelled).');
    expect(e.nextStep).toContain('network');
  });

  it('builds an unknown CheckResult', () => {
    const r = unknownFromFailure('admin-role', 'Title', failed(503, 'x', 'y'), 'roles', readyFacts({ tenant: success({ id: 't', displayName: 'T', initialDomain: 'contoso.com' }) }));
    expect(r).toMatchObject({ id: 'admin-role', title: 'Title', status: 'unknown', who: 'any-admin' });
    expect(r.links).toBeUndefined();
  });
});
