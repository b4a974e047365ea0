import { CHECK_IDS, type Check, type CheckResult } from '../../src/readiness/check';
import { ALL_CHECKS } from '../../src/readiness/checks';
import { evaluate, summarize, titleOf } from '../../src/readiness/evaluate';
import { doneScan, failed, noAppFacts, readyFacts, SHAREPOINT_ADMIN, success } from './factsBuilder';

function statuses(results: CheckResult[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const r of results) {
    map[r.id] = r.running ? 'running' : r.status;
  }
  return map;
}

describe('evaluate', () => {
  it('returns one result per check, in CHECK_IDS order, with titles', () => {
    const results = evaluate(readyFacts());
    expect(results.map((r) => r.id)).toEqual([...CHECK_IDS]);
    expect(ALL_CHECKS.map((c) => c.id)).toEqual([...CHECK_IDS]);
    for (const r of results) {
      expect(r.title.length).toBeGreaterThan(0);
      expect(r.evidence.length).toBeGreaterThan(0);
    }
  });

  it('a ready tenant: everything passes and the summary says ready', () => {
    const results = evaluate(readyFacts());
    expect(results.every((r) => r.status === 'pass')).toBe(true);
    expect(summarize(results)).toEqual({ ready: true, blocking: 0, warnings: 0, unknown: 0, running: 0, passed: 9 });
  });

  it('every non-pass result has a next step', () => {
    const scenarios = [
      noAppFacts({ myRoles: success([]), skus: success([]), scan: { state: 'idle' } }),
      readyFacts({ myRoles: success([SHAREPOINT_ADMIN]), grants: success([]), scan: doneScan({ unprovisioned: 2 }) }),
      readyFacts({ skus: failed(403, 'Forbidden', 'x'), me: failed(401, 'x', 'y'), scan: { state: 'running', pagesDone: 0, usersSeen: 0 } }),
    ];
    for (const facts of scenarios) {
      for (const r of evaluate(facts)) {
        if (r.status !== 'pass') {
          expect(r.nextStep).toBeTruthy();
        }
      }
    }
  });

  it('a fresh tenant before authorization: the connector checks block', () => {
    const results = evaluate(noAppFacts({ myRoles: success([SHAREPOINT_ADMIN]) }));
    expect(statuses(results)).toEqual({
      'tenant-spo-license': 'pass',
      'admin-role': 'warn',
      'admin-license': 'pass',
      'admin-onedrive': 'pass',
      'connector-app': 'fail',
      'connector-consent': 'fail',
      'connector-user-assignment': 'unknown',
      'connector-user-count': 'fail',
      'users-onedrive': 'pass',
    });
    expect(summarize(results)).toEqual({ ready: false, blocking: 3, warnings: 1, unknown: 1, running: 0, passed: 4 });
  });

  it('counts running separately from unknown and is not ready while running', () => {
    const results = evaluate(readyFacts({ scan: { state: 'running', pagesDone: 1, usersSeen: 10 } }));
    expect(summarize(results)).toMatchObject({ ready: false, running: 1, unknown: 0, blocking: 0 });
  });

  it('warnings alone do not block readiness', () => {
    const results = evaluate(readyFacts({ scan: doneScan({ requested: 4 }) }));
    expect(summarize(results)).toMatchObject({ ready: true, warnings: 1 });
  });

  it('an empty result list is not ready', () => {
    expect(summarize([]).ready).toBe(false);
  });

  it('a check that throws becomes unknown with the error, and the others still run', () => {
    const broken: Check = {
      id: 'admin-role',
      title: 'Admin role',
      who: 'global-admin',
      dependsOn: [],
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const checks = ALL_CHECKS.map((c) => (c.id === 'admin-role' ? broken : c));
    const results = evaluate(readyFacts(), checks);
    expect(results).toHaveLength(9);
    const role = results.find((r) => r.id === 'admin-role');
    expect(role?.status).toBe('unknown');
    expect(role?.evidence[0]).toContain('boom');
  });

  it('lists every check once, in the order of the id contract, each with a title and known dependencies', () => {
    expect(ALL_CHECKS.map((c) => c.id)).toEqual([...CHECK_IDS]);
    for (const check of ALL_CHECKS) {
      expect(check.title.length).toBeGreaterThan(3);
      for (const dependency of check.dependsOn) {
        expect(CHECK_IDS).toContain(dependency);
        expect(CHECK_IDS.indexOf(dependency)).toBeLessThan(CHECK_IDS.indexOf(check.id));
      }
    }
  });

  it('names the failing dependency as the cause of the checks that follow from it', () => {
    const ready = readyFacts();
    const me = ready.me.ok ? ready.me.value : undefined;
    const facts = readyFacts({ skus: success([]), ...(me ? { me: success({ ...me, assignedPlans: [] }) } : {}) });
    const results = evaluate(facts);
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('tenant-spo-license')?.status).toBe('fail');
    expect(byId.get('tenant-spo-license')?.causedBy).toBeUndefined();
    expect(byId.get('admin-license')?.status).toBe('fail');
    expect(byId.get('admin-license')?.causedBy).toEqual({ id: 'tenant-spo-license', title: titleOf('tenant-spo-license') });
    // A passing check never carries a cause, and an independent one is not blamed on the licence.
    expect(byId.get('connector-app')?.causedBy).toBeUndefined();
    expect(byId.get('admin-role')?.causedBy).toBeUndefined();
  });
});
