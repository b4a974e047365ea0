/** @jest-environment node */
/**
 * How the addresses the scan does not hold are looked up (src/migrationList/lookup.ts): the sign-in-name lookup is
 * skipped only for addresses outside the tenant's verified domains (domains.ts), the kinds overlap (a kind's answers feed
 * the next while other calls are still out), and the verdicts are the same whatever the chunking, concurrency or domains.
 */
import { failure, type Outcome } from '../../src/common/outcome';
import { couldBeSignInName, tenantDomains } from '../../src/migrationList/domains';
import { lookUpAddresses } from '../../src/migrationList/lookup';
import type { AddressMatch, MatchedBy } from '../../src/migrationList/ports';
import type { MigrationListView } from '../../src/migrationList/types';
import { FakeLookup, scanInputs, settled, testSession, user, type TenantUser } from './support';

const TENANT: TenantUser[] = [
  { ...user('ann@contoso.com'), site: true },
  { ...user('erin@contoso.com'), proxyAddresses: ['SMTP:erin@contoso.com', 'smtp:erin@erin-shop.example'] },
  { ...user('gina_fabrikam.com#EXT#@contoso.onmicrosoft.com', { mail: 'gina@fabrikam.com', userType: 'Guest', enabledPlanIds: [] }) },
  { ...user('ed@sales.contoso.com', { accountEnabled: false }) },
  { ...user('fay@contoso.com', { enabledPlanIds: [] }) },
];
/** The tenant's verified domains: its users' UPN domains, sales.contoso.com aside (a subdomain of a verified one). */
const DOMAINS = ['contoso.com', 'contoso.onmicrosoft.com'];

const LIST = ['Destination', 'ann@contoso.com', 'erin@erin-shop.example', 'gina@fabrikam.com', 'ed@sales.contoso.com', 'fay@contoso.com', 'nobody@nowhere.example', 'nobody@contoso.com'].join('\n');
const VERDICTS = ['ready', 'not-provisioned', 'guest', 'disabled', 'unlicensed', 'not-found', 'not-found'];

async function check(lookup: FakeLookup, options: { lookupChunk?: number; lookupConcurrency?: number } = {}): Promise<MigrationListView> {
  const { session } = testSession(lookup, options);
  session.setScan(await scanInputs(TENANT));
  await session.load({ fileName: 'l.csv', text: LIST });
  return settled(session);
}

function kindsOf(lookup: FakeLookup, address: string): MatchedBy[] {
  const kinds: MatchedBy[] = [];
  lookup.calls.forEach((call, i) => {
    if (call.indexOf(address) >= 0) {
      kinds.push(...(lookup.stages[i] ?? []));
    }
  });
  return kinds;
}

describe('verified domains', () => {
  it('an address can be a sign-in name only in a verified domain or a subdomain of one; unknown domains exclude nothing', () => {
    const domains = tenantDomains([' Contoso.com ', 'contoso.onmicrosoft.com', '']);
    expect(couldBeSignInName('a@contoso.com', domains)).toBe(true);
    expect(couldBeSignInName('a@sales.contoso.com', domains)).toBe(true);
    expect(couldBeSignInName('a@contoso.onmicrosoft.com', domains)).toBe(true);
    expect(couldBeSignInName('a@fabrikam.com', domains)).toBe(false);
    expect(couldBeSignInName('a@notcontoso.com', domains)).toBe(false);
    expect(couldBeSignInName('a@contoso.com.evil.example', domains)).toBe(false);
    expect(couldBeSignInName('a@fabrikam.com', undefined)).toBe(true);
    expect(couldBeSignInName('a@fabrikam.com', tenantDomains([]))).toBe(true);
  });
});

describe('the lookups', () => {
  it('skips the sign-in-name lookup only outside the verified domains, and still finds guests by mail and aliases by proxy address', async () => {
    const lookup = new FakeLookup(TENANT, DOMAINS);
    const view = await check(lookup);
    expect((view.resolutions || []).map((r) => r.verdict)).toEqual(VERDICTS);
    expect(lookup.domainReads).toBe(1);
    expect(kindsOf(lookup, 'gina@fabrikam.com')).toEqual(['mail']);
    expect(kindsOf(lookup, 'erin@erin-shop.example')).toEqual(['mail', 'proxyAddress']);
    expect(kindsOf(lookup, 'nobody@nowhere.example')).toEqual(['mail', 'proxyAddress']);
    expect(kindsOf(lookup, 'ed@sales.contoso.com')).toEqual(['userPrincipalName']);
    expect(kindsOf(lookup, 'nobody@contoso.com')).toEqual(['userPrincipalName', 'mail', 'proxyAddress']);
  });

  it('when the verified domains cannot be read, every address goes through every lookup, with the same verdicts', async () => {
    const lookup = new FakeLookup(TENANT, DOMAINS);
    lookup.domainsDown = failure(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const view = await check(lookup, { lookupChunk: 1, lookupConcurrency: 1 });
    expect((view.resolutions || []).map((r) => r.verdict)).toEqual(VERDICTS);
    expect(kindsOf(lookup, 'gina@fabrikam.com')).toEqual(['userPrincipalName', 'mail']);
    expect(kindsOf(lookup, 'nobody@nowhere.example')).toEqual(['userPrincipalName', 'mail', 'proxyAddress']);
  });

  it('a verified-domains read that never answers does not hold the lookups: every address goes through every lookup', async () => {
    const lookup = new FakeLookup(TENANT, DOMAINS);
    lookup.getVerifiedDomains = () => new Promise<Outcome<string[]>>(() => undefined);
    const view = await check(lookup);
    expect((view.resolutions || []).map((r) => r.verdict)).toEqual(VERDICTS);
    expect(kindsOf(lookup, 'gina@fabrikam.com')).toEqual(['userPrincipalName', 'mail']);
  });

  it('gives the same verdicts one address a call, one call at a time, as with full chunks in parallel', async () => {
    const one = await check(new FakeLookup(TENANT, DOMAINS), { lookupChunk: 1, lookupConcurrency: 1 });
    const many = await check(new FakeLookup(TENANT, DOMAINS), { lookupChunk: 2, lookupConcurrency: 3 });
    expect((one.resolutions || []).map((r) => r.verdict)).toEqual(VERDICTS);
    expect(many.resolutions).toEqual(one.resolutions);
  });

  it('sends the next kind for the addresses a call did not find while other calls of the kind before are still out', async () => {
    // The call with the held address stays out until released; the other answers flow on meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inner = new FakeLookup(TENANT, DOMAINS);
    const log: string[] = [];
    const gated = {
      getVerifiedDomains: () => inner.getVerifiedDomains(),
      findUsersByAddress: async (addresses: ReadonlyArray<string>, signal?: AbortSignal, by?: ReadonlyArray<MatchedBy>): Promise<Outcome<Map<string, Outcome<AddressMatch>>>> => {
        log.push(`${(by ?? [])[0]}:${addresses.join('+')}`);
        if (addresses.indexOf('ann@contoso.com') >= 0) {
          await held;
        }
        return inner.findUsersByAddress(addresses, signal, by);
      },
    };
    const keys = ['ann@contoso.com', 'nobody@contoso.com'];
    const running = lookUpAddresses(gated, keys, { chunk: 1, concurrency: 2 });
    for (let i = 0; i < 20 && log.length < 4; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // ann's sign-in-name call is still out, yet nobody@ went on to mail and proxy address.
    expect(log).toEqual(['userPrincipalName:ann@contoso.com', 'userPrincipalName:nobody@contoso.com', 'mail:nobody@contoso.com', 'proxyAddress:nobody@contoso.com']);
    release();
    const run = await running;
    expect(run.answers.get('ann@contoso.com')).toMatchObject({ ok: true, value: { found: true, matchedBy: 'userPrincipalName' } });
    expect(run.answers.get('nobody@contoso.com')).toEqual({ ok: true, value: { found: false } });
  });
});
