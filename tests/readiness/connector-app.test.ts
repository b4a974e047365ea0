import { connectorAppCheck } from '../../src/readiness/checks/connector-app';
import { APP_ID, failed, noAppFacts, readyFacts, SP_ID } from './factsBuilder';

describe('connector-app', () => {
  it('passes when the service principal exists: display name, app id, object id', () => {
    const result = connectorAppCheck.evaluate(readyFacts());
    expect(result.status).toBe('pass');
    const text = result.evidence.join('\n');
    expect(text).toContain('Office 365 Mover');
    expect(text).toContain(APP_ID);
    expect(text).toContain(SP_ID);
    expect(result.links?.[0]?.href).toContain(`/Permissions/objectId/${SP_ID}/appId/${APP_ID}`);
  });

  it('fails when no service principal matches: authorize in the Mover app, steps 1–5, any admin', () => {
    const result = connectorAppCheck.evaluate(noAppFacts());
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain('display name “Office 365 Mover”');
    expect(result.nextStep).toContain('steps 1–5');
    expect(result.who).toBe('any-admin');
    expect(result.links?.[0]?.href).toBe('https://app.mover.io');
  });

  it('says it looked by app id when one is configured', () => {
    const facts = noAppFacts();
    facts.connector.appId = 'abc-123';
    expect(connectorAppCheck.evaluate(facts).evidence[0]).toContain('app id abc-123');
  });

  it('is unknown when Application.Read.All is missing', () => {
    const result = connectorAppCheck.evaluate(
      readyFacts({ connectorApp: failed(403, 'Authorization_RequestDenied', 'Insufficient privileges', { missingScope: 'Application.Read.All' }) })
    );
    expect(result.status).toBe('unknown');
    expect(result.nextStep).toContain('Application.Read.All');
    expect(result.who).toBe('global-admin');
  });
});
