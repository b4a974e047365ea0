/** @jest-environment node */
/**
 * ProvisioningRequester (src/provisioning/ports.ts): what requestProvisioning and the connection report rely on when
 * asking SharePoint to create OneDrives. The same assertions run against FakeRequester (tests/provisioning/doubles.ts)
 * and the SharePoint adapter (hosting-site session, then admin host) over HTTP.
 */
import type { EnqueueBehaviour } from '../../demo/simulator/types';
import { failure } from '../../src/common/outcome';
import { SHAREPOINT_FULL_CONTROL } from '../../src/common/scopes';
import type { EnqueueAttempt, ProvisioningRequester } from '../../src/provisioning/ports';
import { FakeRequester } from '../provisioning/doubles';
import { scenario, startTenant } from '../support/tenant';
import type { Subject } from './support';

interface RequesterSubject extends Subject {
  requester: ProvisioningRequester;
  /** Addresses of licensed members without a OneDrive (what the pane would request). */
  addresses: string[];
  /** Enqueue calls that reached the service so far. */
  callsMade(): number;
}

/** How the service answers every enqueue call. */
type Answer = 'accept' | 'refuse-403' | 'refuse-200-with-error' | 'unavailable-503';

/** As the adapter reports them (see the adapter row, where they come from real HTTP answers). */
const REFUSED_403 = failure(403, '-2147024891, System.UnauthorizedAccessException', 'Access denied. You do not have permission to perform this action or access this resource.', {
  missingScope: SHAREPOINT_FULL_CONTROL,
});
const REFUSED_200 = failure(200, '-2147024891, System.UnauthorizedAccessException', 'Access denied. You do not have permission to perform this action or access this resource.', {
  missingScope: SHAREPOINT_FULL_CONTROL,
});
const UNAVAILABLE = failure(503, 'ServiceUnavailable', 'The service is temporarily unavailable.');

async function makeFake(answer: Answer): Promise<RequesterSubject> {
  const fake = new FakeRequester();
  const failed = answer === 'refuse-403' ? REFUSED_403 : answer === 'refuse-200-with-error' ? REFUSED_200 : answer === 'unavailable-503' ? UNAVAILABLE : undefined;
  if (failed) {
    fake.answers.set(0, failed);
  }
  return {
    requester: fake,
    addresses: ['adele@contoso.com', "liam.o'brien@contoso.com", 'zoe@contoso.com'],
    callsMade: () => fake.calls.length,
    close: async () => undefined,
  };
}

async function makeAdapter(answer: Answer): Promise<RequesterSubject> {
  const fixture = scenario('unprovisioned-users');
  const behaviour: Record<Answer, EnqueueBehaviour> = { accept: 'ok', 'refuse-403': 'forbidden', 'refuse-200-with-error': 'access-denied-200', 'unavailable-503': 'ok' };
  fixture.sharePoint.enqueueBehaviour = behaviour[answer];
  const owners = new Set(fixture.sharePoint.personalSites.map((s) => s.owner.toLowerCase()));
  const addresses = fixture.users
    .filter((u) => u.accountEnabled && u.userType === 'Member' && u.assignedLicenses.length > 0 && !owners.has(u.userPrincipalName.toLowerCase()))
    .slice(0, 3)
    .map((u) => u.userPrincipalName);
  const tenant = await startTenant(fixture);
  if (answer === 'unavailable-503') {
    tenant.sim.setFaults([{ match: 'POST /_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk', status: 503, times: 1 }]);
  }
  return {
    requester: tenant.ports.requester,
    addresses,
    callsMade: () => tenant.sim.log.filter((e) => /CreatePersonalSiteEnqueueBulk/i.test(e.path)).length,
    close: () => tenant.close(),
  };
}

/** What every attempt list must look like: hosts without scheme, one outcome each, a failure on each refused/failed one. */
function expectWellFormed(attempts: ReadonlyArray<EnqueueAttempt>): void {
  for (const attempt of attempts) {
    expect(['site-session', 'admin-token']).toContain(attempt.path);
    expect(attempt.host).toMatch(/^[a-z0-9.-]+(:\d+)?$/i);
    expect(['accepted', 'refused', 'failed', 'skipped']).toContain(attempt.outcome);
    if (attempt.outcome === 'refused' || attempt.outcome === 'failed') {
      expect(attempt.failure).toMatchObject({ ok: false, status: expect.any(Number), code: expect.any(String) });
    } else {
      expect(attempt).not.toHaveProperty('failure');
    }
  }
}

describe.each([
  ['in-memory fake', makeFake],
  ['PnPjs adapter over the simulator', makeAdapter],
])('ProvisioningRequester contract: %s', (_name, make) => {
  let subject: RequesterSubject | undefined;
  const start = async (answer: Answer): Promise<RequesterSubject> => {
    subject = await make(answer);
    return subject;
  };
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });

  it('has tried nothing before the first call', async () => {
    const s = await start('accept');
    expect(s.requester.attempts()).toEqual([]);
  });

  it('answers an accepted call with { path, attempts }: the last attempt is the accepted path, and attempts() lists the same', async () => {
    const s = await start('accept');
    const result = await s.requester.enqueue(s.addresses);
    if (!result.ok) {
      throw new Error(`${result.status} ${result.code} ${result.message}`);
    }
    expect(Object.keys(result.value).sort()).toEqual(['attempts', 'path']);
    const last = result.value.attempts[result.value.attempts.length - 1];
    expect(last).toMatchObject({ path: result.value.path, outcome: 'accepted' });
    expect(result.value.attempts.slice(0, -1).every((a) => a.outcome === 'refused' || a.outcome === 'skipped')).toBe(true);
    expectWellFormed(result.value.attempts);
    expect(s.requester.attempts()).toEqual(result.value.attempts);
    expect(s.callsMade()).toBe(1);
  });

  it('accepts 199 addresses in one call', async () => {
    const s = await start('accept');
    const emails = s.addresses.concat(Array.from({ length: 199 - s.addresses.length }, (_, i) => `nobody${i}@contoso.com`));
    const result = await s.requester.enqueue(emails);
    expect(result.ok).toBe(true);
  });

  it('answers an empty list with a success that tried nothing, without calling the service', async () => {
    const s = await start('accept');
    const result = await s.requester.enqueue([]);
    expect(result).toMatchObject({ ok: true, value: { attempts: [] } });
    expect(s.requester.attempts()).toEqual([]);
    expect(s.callsMade()).toBe(0);
  });

  it('refuses more than 199 addresses with TooManyAddresses, without calling the service', async () => {
    const s = await start('accept');
    const emails = Array.from({ length: 200 }, (_, i) => `user${i}@contoso.com`);
    expect(await s.requester.enqueue(emails)).toMatchObject({ ok: false, code: 'TooManyAddresses' });
    expect(s.callsMade()).toBe(0);
  });

  it('answers a refusal (403) with a failure; every path tried was refused and the last one carries that failure', async () => {
    const s = await start('refuse-403');
    const result = await s.requester.enqueue(s.addresses);
    expect(result).toMatchObject({ ok: false, status: 403, missingScope: SHAREPOINT_FULL_CONTROL });
    const attempts = s.requester.attempts();
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a.outcome === 'refused')).toBe(true);
    expect(attempts[attempts.length - 1]?.failure).toEqual(result);
    expectWellFormed(attempts);
  });

  it('answers HTTP 200 whose body is an access-denied error with a failure (status 200), never a success', async () => {
    const s = await start('refuse-200-with-error');
    const result = await s.requester.enqueue(s.addresses);
    expect(result).toMatchObject({ ok: false, status: 200, missingScope: SHAREPOINT_FULL_CONTROL });
    expect(result.ok === false && result.message).toMatch(/access denied/i);
    const attempts = s.requester.attempts();
    expect(attempts.every((a) => a.outcome === 'refused')).toBe(true);
    expect(attempts[attempts.length - 1]?.failure).toEqual(result);
  });

  it('answers an unavailable service (503) with a failure marked "failed" (it may hide a write), not "refused"; the next call tries again', async () => {
    const s = await start('unavailable-503');
    const result = await s.requester.enqueue(s.addresses);
    expect(result).toMatchObject({ ok: false, status: 503 });
    const attempts = s.requester.attempts();
    expect(attempts[attempts.length - 1]).toMatchObject({ outcome: 'failed', failure: result });
    expect(attempts.some((a) => a.outcome === 'refused')).toBe(false);
    expectWellFormed(attempts);
    expect(s.callsMade()).toBe(1);

    const again = await s.requester.enqueue(s.addresses);
    expect(again.ok).toBe(true);
    expect(s.requester.attempts().some((a) => a.outcome === 'skipped')).toBe(false);
  });
});
