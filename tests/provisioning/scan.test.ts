import { failure } from '../../src/common/outcome';
import type { ProvisioningLogEntry } from '../../src/provisioning/ports';
import {
  describeScanOutcome,
  describeScanProgress,
  scanTenant,
} from '../../src/provisioning/scan';
import { outcomeToScanState } from '../../src/app/scanState';
import type { ScanCheckpoint, ScanOutcome, ScanProgress, ScanResult } from '../../src/provisioning/scan';
import {
  Concurrency,
  FakeDirectory,
  FakeSites,
  ONEDRIVE_STANDARD,
  SHAREPOINT_WAC,
  manyUsers,
  sitesFor,
  user,
} from './doubles';

function done(outcome: ScanOutcome): ScanResult {
  if (outcome.status !== 'done') {
    throw new Error('expected a finished scan, got ' + outcome.status + JSON.stringify(outcome.status === 'failed' ? outcome.failure : {}));
  }
  return outcome.result;
}

function upns(result: ScanResult): string[] {
  return result.unprovisioned.map((u) => u.upn).sort();
}

describe('scanTenant: paging and join', () => {
  it('reads every page of both chains and finds the users without a site', async () => {
    const users = manyUsers(2500);
    const withSite = users.slice(0, 1200);
    const directory = new FakeDirectory(users, 999);
    const sites = new FakeSites(sitesFor(withSite), 500);
    const progress: ScanProgress[] = [];

    const result = done(await scanTenant({ directory, sites }, { onProgress: (p) => progress.push(p) }));

    expect(directory.source.calls).toEqual(['', '999', '1998']);
    expect(sites.source.calls).toEqual(['', '500', '1000']);
    expect(result.considered).toBe(2500);
    expect(result.provisionedCount).toBe(1200);
    expect(result.unprovisioned).toHaveLength(1300);
    expect(result.unprovisioned[0]).toEqual({
      id: users[1200]!.id,
      upn: users[1200]!.userPrincipalName,
      mail: users[1200]!.mail,
      displayName: users[1200]!.displayName,
      department: users[1200]!.department,
      license: 'sharepoint',
    });
    expect(result.method).toBe('tenant-admin');
    expect(result.methodNotice).toBeUndefined();
    expect(sites.stateCalls).toHaveLength(0);

    // One report at the start, then one after each of the 6 pages.
    expect(progress).toHaveLength(7);
    const last = progress[progress.length - 1]!;
    expect(last).toMatchObject({ phase: 'reading', userPagesDone: 3, sitePagesDone: 3, usersSeen: 2500, sitesSeen: 1200, estimatedTotalPages: 6 });
    // After the first users page the directory's count tells 3 user pages; sites have no count: ~1 site per user.
    const afterFirstUserPage = progress.find((p) => p.userPagesDone === 1 && p.sitePagesDone === 0);
    if (afterFirstUserPage) {
      expect(afterFirstUserPage.estimatedTotalPages).toBeUndefined();
    }
    const both = progress.find((p) => p.userPagesDone === 1 && p.sitePagesDone === 1)!;
    expect(both.estimatedTotalPages).toBe(3 + 5);
    expect(describeScanProgress(last)).toContain('2500 users');
  });

  it('runs the two chains in parallel (each one sequential)', async () => {
    const users = manyUsers(50);
    const concurrency = new Concurrency();
    const directory = new FakeDirectory(users, 10, { concurrency, latencyMs: 5 });
    const sites = new FakeSites(sitesFor(users), 10, { concurrency, latencyMs: 5 });

    done(await scanTenant({ directory, sites }, {}));

    expect(concurrency.max).toBe(2);
    expect(directory.source.calls).toHaveLength(5);
    expect(sites.source.calls).toHaveLength(5);
  });

  it('joins by UPN and by mail, case-insensitively, and tolerates claims logins', async () => {
    const users = [
      user('Ann.Lee@Contoso.com'),
      user('bob@contoso.onmicrosoft.com', { mail: 'Bob.Smith@Contoso.com' }),
      user('CAROL@contoso.com', { mail: undefined }),
      user('dave@contoso.com'),
      user('erin@contoso.com', { mail: 'erin.k@contoso.com' }),
    ];
    const sites = new FakeSites([
      { owner: 'ann.lee@contoso.COM', url: 'u1' },
      { owner: 'bob.smith@contoso.com', url: 'u2' },
      { owner: 'i:0#.f|membership|carol@CONTOSO.com', url: 'u3' },
      { owner: 'someone.else@contoso.com', url: 'u4' },
      { owner: '', url: 'u5' },
    ]);
    const result = done(await scanTenant({ directory: new FakeDirectory(users), sites }, {}));

    expect(upns(result)).toEqual(['dave@contoso.com', 'erin@contoso.com']);
    expect(result.provisionedCount).toBe(3);
    expect(result.provisionedAddresses).toEqual(
      expect.arrayContaining(['ann.lee@contoso.com', 'bob@contoso.onmicrosoft.com', 'bob.smith@contoso.com', 'carol@contoso.com']),
    );
    // Each address beside its user's sign-in name, as the directory writes it.
    const pairs = result.provisionedAddresses.map((key, i) => [key, result.provisionedUpns[i]]);
    expect(result.provisionedUpns).toHaveLength(result.provisionedAddresses.length);
    expect(pairs).toEqual(expect.arrayContaining([['bob.smith@contoso.com', 'bob@contoso.onmicrosoft.com'], ['bob@contoso.onmicrosoft.com', 'bob@contoso.onmicrosoft.com'], ['ann.lee@contoso.com', 'Ann.Lee@Contoso.com']]));
  });

  it('counts excluded users per reason, in precedence guest > disabled > unlicensed', async () => {
    const users = [
      user('member@contoso.com'),
      user('onedrive-only@contoso.com', { enabledPlanIds: [ONEDRIVE_STANDARD] }),
      user('guest@fabrikam.com', { userType: 'Guest' }),
      user('disabled-guest@fabrikam.com', { userType: 'Guest', accountEnabled: false, enabledPlanIds: [] }),
      user('disabled@contoso.com', { accountEnabled: false }),
      user('disabled-unlicensed@contoso.com', { accountEnabled: false, enabledPlanIds: [] }),
      user('unlicensed@contoso.com', { enabledPlanIds: [] }),
      user('office-web-only@contoso.com', { enabledPlanIds: [SHAREPOINT_WAC] }),
    ];
    const result = done(await scanTenant({ directory: new FakeDirectory(users), sites: new FakeSites([]) }, {}));

    expect(result.considered).toBe(2);
    expect(result.excluded).toEqual({ guests: 2, disabled: 2, unlicensed: 2 });
    expect(result.unprovisioned.map((u) => [u.upn, u.license])).toEqual([
      ['member@contoso.com', 'sharepoint'],
      ['onedrive-only@contoso.com', 'onedrive'],
    ]);
  });

  it('keeps compact records only (no DTO fields such as plans)', async () => {
    const result = done(await scanTenant({ directory: new FakeDirectory([user('a@contoso.com')]), sites: new FakeSites([]) }, {}));
    expect(Object.keys(result.unprovisioned[0]!).sort()).toEqual(['displayName', 'id', 'license', 'mail', 'upn']);
  });
});

describe('scanTenant: per-user fallback', () => {
  it.each([403, 401])('falls back to per-user reads when the site enumeration answers %i, with a notice', async (status) => {
    const users = manyUsers(95);
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(status, 'AccessDenied', 'Access denied. You do not have permission.'));
    users.slice(0, 30).forEach((u) => sites.provisionedIds.add(u.id));
    const progress: ScanProgress[] = [];

    const result = done(await scanTenant({ directory: new FakeDirectory(users, 40), sites }, { onProgress: (p) => progress.push(p) }));

    expect(result.method).toBe('per-user');
    expect(result.methodNotice).toContain(String(status));
    expect(result.methodNotice).toMatch(/SharePoint admin/);
    expect(result.methodNotice).toMatch(/slower/);
    expect(result.provisionedCount).toBe(30);
    expect(result.unprovisioned).toHaveLength(65);
    // 95 users in batches of 20 → 5 calls, every user once, at most 4 at a time.
    expect(sites.stateCalls.map((c) => c.length)).toEqual([20, 20, 20, 20, 15]);
    expect(new Set(sites.stateCalls.flat()).size).toBe(95);
    expect(sites.stateConcurrency.max).toBeLessThanOrEqual(4);
    expect(sites.stateConcurrency.max).toBeGreaterThan(1);
    const perUser = progress.filter((p) => p.phase === 'per-user');
    expect(perUser[perUser.length - 1]).toMatchObject({ usersChecked: 95, usersToCheck: 95 });
    expect(describeScanProgress(perUser[perUser.length - 1]!)).toContain('95 of 95');
  });

  it('honours perUserBatch and concurrency', async () => {
    const users = manyUsers(10);
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(403, 'Forbidden', 'Forbidden'));
    sites.provisionedIds.add(users[3]!.id);

    const result = done(await scanTenant({ directory: new FakeDirectory(users), sites }, { perUserBatch: 3, concurrency: 1 }));

    expect(sites.stateCalls.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(sites.stateConcurrency.max).toBe(1);
    expect(result.unprovisioned).toHaveLength(9);
  });

  it('does not check per user those already seen in site pages read before the refusal', async () => {
    const users = manyUsers(30);
    const sites = new FakeSites(sitesFor(users.slice(0, 20)), 10);
    // The second site page is refused; but the first page listed 10 owners.
    sites.source.failAt('10', failure(403, 'Forbidden', 'Forbidden'));
    const result = done(await scanTenant({ directory: new FakeDirectory(users), sites }, {}));
    expect(result.method).toBe('per-user');
    expect(sites.stateCalls.flat()).toHaveLength(20);
    expect(result.provisionedCount).toBe(10);
  });

  it('fails (not falls back) on a per-user read it cannot interpret, and resumes the per-user phase only', async () => {
    const users = manyUsers(100);
    const directory = new FakeDirectory(users, 50);
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(403, 'Forbidden', 'Forbidden'));
    sites.stateFaults.set(2, failure(503, 'ServiceUnavailable', 'Try later'));

    const first = await scanTenant({ directory, sites }, { concurrency: 1 });
    expect(first.status).toBe('failed');
    if (first.status !== 'failed') return;
    expect(first.failure.status).toBe(503);
    expect(first.checkpoint.method).toBe('per-user');
    expect(first.checkpoint.perUserChecked).toBe(40);
    expect(first.checkpoint.usersDone).toBe(true);

    const userCalls = directory.source.calls.length;
    const siteCalls = sites.source.calls.length;
    const stateCallsBefore = sites.stateCalls.length;
    const resumed = done(await scanTenant({ directory, sites }, { resumeFrom: JSON.parse(JSON.stringify(first.checkpoint)) as ScanCheckpoint }));

    expect(directory.source.calls).toHaveLength(userCalls);
    expect(sites.source.calls).toHaveLength(siteCalls);
    const resumedIds = sites.stateCalls.slice(stateCallsBefore).flat();
    expect(resumedIds).toHaveLength(60);
    expect(resumedIds[0]).toBe(users[40]!.id);
    expect(resumed.method).toBe('per-user');
    expect(resumed.unprovisioned).toHaveLength(100);
  });

  it('counts a user whose state cannot be told (500 "Unable to retrieve user\'s mysite URL.") apart, never as unprovisioned', async () => {
    const users = manyUsers(5);
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(403, 'Forbidden', 'Forbidden'));
    sites.provisionedIds.add(users[0]!.id);
    sites.innerFaults.set(users[2]!.id, failure(500, 'UnknownError', "Unable to retrieve user's mysite URL."));
    const result = done(await scanTenant({ directory: new FakeDirectory(users), sites }, {}));
    expect(result.undetermined.map((u) => u.id)).toEqual([users[2]!.id]);
    expect(upns(result)).toEqual([users[1]!.userPrincipalName, users[3]!.userPrincipalName, users[4]!.userPrincipalName].sort());
    expect(result.provisionedCount).toBe(1);
    expect(result.undeterminedReason).toMatchObject({ status: 500, code: 'UnknownError' });
  });

  it('stops, resumable, when a user read is still throttled (429) after the adapter’s retries: throttling is waited out, not "could not tell"', async () => {
    const users = manyUsers(5);
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(403, 'Forbidden', 'Forbidden'));
    sites.innerFaults.set(users[3]!.id, failure(429, 'TooManyRequests', 'Slow down', { retryAfterSeconds: 90 }));
    const outcome = await scanTenant({ directory: new FakeDirectory(users), sites }, {});
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.failure).toMatchObject({ status: 429, retryAfterSeconds: 90 });
    expect(outcome.source).toBe('per-user');
    sites.innerFaults.delete(users[3]!.id);
    const resumed = done(await scanTenant({ directory: new FakeDirectory(users), sites }, { resumeFrom: outcome.checkpoint }));
    expect(resumed.undetermined).toHaveLength(0);
    expect(resumed.unprovisioned).toHaveLength(5);
  });

  it('fails when the per-user reads themselves are refused (403 inside the batch)', async () => {
    const users = manyUsers(5);
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(403, 'Forbidden', 'Forbidden'));
    sites.innerFaults.set(users[1]!.id, failure(403, 'Authorization_RequestDenied', 'Insufficient privileges'));
    const outcome = await scanTenant({ directory: new FakeDirectory(users), sites }, {});
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') {
      expect(outcome.failure.code).toBe('Authorization_RequestDenied');
    }
  });
});

describe('scanTenant: failures, checkpoints, resume, cancel', () => {
  it('fails on a 5xx mid-scan, keeps a checkpoint, and resumes without reading pages again', async () => {
    const users = manyUsers(100);
    const directory = new FakeDirectory(users, 20);
    // Site pages are slow (50 ms) next to directory pages, so the directory chain fails while the first site page is
    // still in flight, however loaded the machine is.
    const sites = new FakeSites(sitesFor(users.slice(0, 60)), 20, { latencyMs: 50 });
    directory.source.failAt('40', failure(503, 'ServiceUnavailable', 'Service unavailable', { retryAfterSeconds: 10 }));

    const first = await scanTenant({ directory, sites }, {});

    expect(first.status).toBe('failed');
    if (first.status !== 'failed') return;
    expect(first.failure).toMatchObject({ status: 503, code: 'ServiceUnavailable', retryAfterSeconds: 10 });
    expect(describeScanOutcome(first)).toContain('Service unavailable');
    expect(outcomeToScanState(first, [])).toEqual({ state: 'failed', reason: first.failure });
    const checkpoint: ScanCheckpoint = JSON.parse(JSON.stringify(first.checkpoint)) as ScanCheckpoint;
    expect(checkpoint.usersNext).toBe('40');
    expect(checkpoint.userPagesDone).toBe(2);
    expect(checkpoint.users).toHaveLength(40);
    expect(checkpoint.usersDone).toBe(false);
    // The sites chain stopped too, after the page it had in flight.
    expect(sites.source.calls.length).toBeLessThan(3);
    expect(checkpoint.sitePagesDone).toBe(sites.source.calls.length);

    const userCallsBefore = directory.source.calls.slice();
    const siteCallsBefore = sites.source.calls.slice();
    const resumed = done(await scanTenant({ directory, sites }, { resumeFrom: checkpoint }));

    const userCallsAfter = directory.source.calls.slice(userCallsBefore.length);
    const siteCallsAfter = sites.source.calls.slice(siteCallsBefore.length);
    expect(userCallsAfter).toEqual(['40', '60', '80']);
    expect(siteCallsAfter[0]).toBe(checkpoint.sitesNext);
    // No page was read successfully twice.
    const successfulSitePages = siteCallsBefore.concat(siteCallsAfter);
    expect(new Set(successfulSitePages).size).toBe(successfulSitePages.length);
    expect(successfulSitePages).toHaveLength(3);

    const clean = done(await scanTenant({ directory: new FakeDirectory(users, 20), sites: new FakeSites(sitesFor(users.slice(0, 60)), 20) }, {}));
    expect(resumed).toEqual(clean);
    expect(resumed.unprovisioned).toHaveLength(40);
  });

  it('does not mutate the checkpoint it resumes from', async () => {
    const users = manyUsers(30);
    const directory = new FakeDirectory(users, 10);
    directory.source.failAt('10', failure(500, 'InternalServerError', 'oops'));
    const first = await scanTenant({ directory, sites: new FakeSites([]) }, {});
    if (first.status !== 'failed') throw new Error('expected failure');
    const frozen = JSON.stringify(first.checkpoint);
    done(await scanTenant({ directory, sites: new FakeSites([]) }, { resumeFrom: first.checkpoint }));
    expect(JSON.stringify(first.checkpoint)).toBe(frozen);
  });

  it('fails (no fallback) when the site enumeration answers 500: a busy service is retried later, not worked around', async () => {
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(500, 'InternalServerError', 'Server error'));
    const outcome = await scanTenant({ directory: new FakeDirectory(manyUsers(3)), sites }, {});
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') {
      expect(outcome.failure.code).toBe('InternalServerError');
      expect(outcome.checkpoint.method).toBe('tenant-admin');
    }
    expect(sites.stateCalls).toHaveLength(0);
  });

  it.each([
    ['no answer (network or cross-origin refusal)', failure(0, 'NetworkError', 'Failed to fetch')],
    ['a CSOM ErrorInfo', failure(200, 'Microsoft.SharePoint.SPException', 'Unknown error', { csom: true, correlationId: 'c0ffee' })],
  ])('falls back to per-user reads when the admin host gives %s, and keeps the reason', async (_label, reason) => {
    const users = manyUsers(3);
    const sites = new FakeSites([]);
    sites.source.failAt('', reason);
    sites.provisionedIds.add(users[0]!.id);
    const result = done(await scanTenant({ directory: new FakeDirectory(users), sites }, {}));
    expect(result.method).toBe('per-user');
    expect(result.methodReason).toEqual(reason);
    expect(result.unprovisioned).toHaveLength(2);
  });

  it('fails when the users read is refused (403): no fallback exists for that', async () => {
    const directory = new FakeDirectory(manyUsers(3));
    directory.source.failAt('', failure(403, 'Authorization_RequestDenied', 'Insufficient privileges', { missingScope: 'User.Read.All' }));
    const outcome = await scanTenant({ directory, sites: new FakeSites([]) }, {});
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') {
      expect(outcome.failure.missingScope).toBe('User.Read.All');
    }
  });

  it('turns an exception from a port into a failure', async () => {
    const directory = new FakeDirectory(manyUsers(3), 999, { throwOn: '' });
    const outcome = await scanTenant({ directory, sites: new FakeSites([]) }, {});
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') {
      expect(outcome.failure).toMatchObject({ status: 0, code: 'UnexpectedError', message: 'boom' });
    }
  });

  it('stops on a paging loop instead of spinning', async () => {
    const directory = new FakeDirectory([]);
    directory.getUsersPage = async () => ({ ok: true, value: { items: [], next: 'same' } });
    const outcome = await scanTenant({ directory, sites: new FakeSites([]) }, {});
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.failure.code).toBe('PagingLoop');
  });

  it('can be cancelled and resumed', async () => {
    const users = manyUsers(100);
    const directory = new FakeDirectory(users, 20);
    const sites = new FakeSites(sitesFor(users.slice(0, 50)), 20);
    const controller = new AbortController();

    const first = await scanTenant(
      { directory, sites },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.userPagesDone === 2) controller.abort();
        },
      },
    );

    expect(first.status).toBe('cancelled');
    if (first.status !== 'cancelled') return;
    expect(outcomeToScanState(first, [])).toEqual({ state: 'idle' });
    expect(describeScanOutcome(first)).toMatch(/cancelled/);
    expect(first.checkpoint.userPagesDone).toBe(2);
    expect(first.checkpoint.usersNext).toBe('40');
    const callsBefore = directory.source.calls.length;
    expect(callsBefore).toBeLessThanOrEqual(3);

    const resumed = done(await scanTenant({ directory, sites }, { resumeFrom: first.checkpoint }));
    expect(resumed.unprovisioned).toHaveLength(50);
    expect(directory.source.calls.slice(callsBefore)[0]).toBe('40');
  });

  it('returns at once, without a call, when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const directory = new FakeDirectory(manyUsers(3));
    const sites = new FakeSites([]);
    const outcome = await scanTenant({ directory, sites }, { signal: controller.signal });
    expect(outcome.status).toBe('cancelled');
    expect(directory.source.calls).toHaveLength(0);
    expect(sites.source.calls).toHaveLength(0);
  });

  it('cancels the per-user phase too', async () => {
    const users = manyUsers(200);
    const sites = new FakeSites([]);
    sites.source.failAt('', failure(403, 'Forbidden', 'Forbidden'));
    const controller = new AbortController();
    const outcome = await scanTenant(
      { directory: new FakeDirectory(users), sites },
      {
        signal: controller.signal,
        concurrency: 2,
        onProgress: (p) => {
          if (p.phase === 'per-user' && (p.usersChecked ?? 0) >= 40) controller.abort();
        },
      },
    );
    expect(outcome.status).toBe('cancelled');
    if (outcome.status === 'cancelled') {
      expect(outcome.checkpoint.method).toBe('per-user');
      expect(outcome.checkpoint.perUserChecked).toBeGreaterThanOrEqual(20);
    }
    expect(sites.stateCalls.length).toBeLessThan(10);
  });
});
