import { connectorUserCountCheck } from '../../src/readiness/checks/connector-user-count';
import { failed, grant, noAppFacts, readyFacts, success } from './factsBuilder';

const SEED_ERROR = 'Could not retrieve user count: A Global admin needs to authorize the Office 365 Mover application in the Azure tenant...';

describe('connector-user-count', () => {
  it('passes when consent is tenant-wide and licensed users can be counted', () => {
    const result = connectorUserCountCheck.evaluate(readyFacts());
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toContain('120');
  });

  it('fails with the seed error text when tenant-wide consent is missing', () => {
    const grants = [grant('Principal', 'spo', ['AllSites.Manage'], 'u1'), grant('Principal', 'graph', ['User.Read', 'offline_access'], 'u1')];
    const result = connectorUserCountCheck.evaluate(readyFacts({ grants: success(grants) }));
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain(SEED_ERROR);
    expect(result.who).toBe('global-admin');
    expect(result.links?.map((l) => l.href)).toContain('https://aka.ms/office365moverauth');
  });

  it('fails when the connector app is missing', () => {
    const result = connectorUserCountCheck.evaluate(noAppFacts());
    expect(result.status).toBe('fail');
    expect(result.nextStep).toContain('steps 1–5');
  });

  it('fails on missing consent even when the count itself cannot be read', () => {
    const result = connectorUserCountCheck.evaluate(readyFacts({ grants: success([]), licensedUserCount: failed(503, 'ServiceUnavailable', '') }));
    expect(result.status).toBe('fail');
  });

  it('warns when there are 0 licensed, enabled users', () => {
    const result = connectorUserCountCheck.evaluate(readyFacts({ licensedUserCount: success(0) }));
    expect(result.status).toBe('warn');
    expect(result.evidence[0]).toContain('0 licensed');
    expect(result.nextStep).toContain('Assign Microsoft 365 licenses');
  });

  it('is unknown when the count cannot be read (User.Read.All missing)', () => {
    const result = connectorUserCountCheck.evaluate(
      readyFacts({ licensedUserCount: failed(403, 'Authorization_RequestDenied', 'Insufficient privileges', { missingScope: 'User.Read.All' }) })
    );
    expect(result.status).toBe('unknown');
    expect(result.nextStep).toContain('User.Read.All');
  });

  it('is unknown when the grants or the app cannot be read', () => {
    expect(connectorUserCountCheck.evaluate(readyFacts({ grants: failed(500, 'x', 'y') })).status).toBe('unknown');
    expect(connectorUserCountCheck.evaluate(readyFacts({ connectorApp: failed(500, 'x', 'y') })).status).toBe('unknown');
    const notRead = readyFacts();
    delete notRead.grants;
    expect(connectorUserCountCheck.evaluate(notRead).status).toBe('unknown');
  });
});
