import { connectorUserAssignmentCheck } from '../../src/readiness/checks/connector-user-assignment';
import { APP_ID, assignment, connectorApp, failed, noAppFacts, readyFacts, SP_ID, success } from './factsBuilder';

describe('connector-user-assignment', () => {
  it('passes when assignment is required, listing who is assigned', () => {
    const result = connectorUserAssignmentCheck.evaluate(readyFacts());
    expect(result.status).toBe('pass');
    expect(result.evidence.join('\n')).toContain('Assigned (2): Megan Bowen (User), Migration team (Group).');
  });

  it('shortens long assignment lists', () => {
    const many = Array.from({ length: 13 }, (_, i) => assignment(`User ${i + 1}`));
    const result = connectorUserAssignmentCheck.evaluate(readyFacts({ assignments: success(many) }));
    expect(result.evidence.join('\n')).toContain('and 3 more');
  });

  it('warns when assignment is required but nobody is assigned: nobody can use the app', () => {
    const result = connectorUserAssignmentCheck.evaluate(readyFacts({ assignments: success([]) }));
    expect(result.status).toBe('warn');
    expect(result.evidence.join('\n')).toContain('nobody can use the app');
    expect(result.nextStep).toContain('Users and groups');
  });

  it('warns with the seed step-4 advice when assignment is not required', () => {
    const result = connectorUserAssignmentCheck.evaluate(readyFacts({ connectorApp: success(connectorApp({ appRoleAssignmentRequired: false })) }));
    expect(result.status).toBe('warn');
    expect(result.nextStep).toContain('turn on “User assignment required”');
    expect(result.nextStep).toContain('assign your migrator users');
    expect(result.who).toBe('global-admin');
    expect(result.links?.map((l) => l.href)).toEqual([
      `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Properties/objectId/${SP_ID}/appId/${APP_ID}`,
      `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/${SP_ID}/appId/${APP_ID}`,
    ]);
    expect(result.evidence.join('\n')).toContain('Assigned, but not enforced');
  });

  it('is unknown (not fail) when the app does not exist yet: nothing to read, come back after steps 1–5', () => {
    const result = connectorUserAssignmentCheck.evaluate(noAppFacts());
    expect(result.status).toBe('unknown');
    expect(result.evidence[0]).toContain('cannot be read');
    expect(result.nextStep).toContain('steps 1–5');
  });

  it('is unknown when the assignments cannot be read', () => {
    const result = connectorUserAssignmentCheck.evaluate(readyFacts({ assignments: failed(500, 'InternalServerError', 'Oops') }));
    expect(result.status).toBe('unknown');
    expect(result.evidence[0]).toContain('is on');
    expect(result.evidence.join('\n')).toContain('500 InternalServerError');
  });

  it('is unknown when the assignments were not gathered', () => {
    const facts = readyFacts();
    delete facts.assignments;
    expect(connectorUserAssignmentCheck.evaluate(facts).status).toBe('unknown');
  });

  it('is unknown when the app lookup failed', () => {
    expect(connectorUserAssignmentCheck.evaluate(readyFacts({ connectorApp: failed(502, 'BadGateway', '') })).status).toBe('unknown');
  });
});
