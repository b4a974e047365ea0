/** @jest-environment node */
/**
 * UserLookup (src/migrationList/ports.ts): the same assertions against the in-memory fake the migration list's tests use
 * (tests/migrationList/support.ts FakeLookup) and against the PnPjs Graph adapter over the tenant simulator, on the same
 * tenant data (the `unprovisioned-users` scenario, one member given an alias). The verified domains are lower case and
 * hold every user's sign-in-name domain (Graph docs, user resource type: a UPN's domain "must be present in the tenant's
 * collection of verified domains"); each kind of lookup finds by its property, case-insensitively, keyed as passed.
 */
import type { Outcome } from '../../src/common/outcome';
import type { TenantFixture } from '../../demo/simulator/types';
import type { AddressMatch, UserLookup } from '../../src/migrationList/ports';
import { FakeLookup, user, type TenantUser } from '../migrationList/support';
import { scenario, startTenant } from '../support/tenant';

const DOMAIN = 'contoso.onmicrosoft.com';
const MEMBER = `adrian.fischer167@${DOMAIN}`;
const GUEST_MAIL = 'hannah.kumar127@partner.example';
const ALIAS = 'sofia.t@contoso.com';

function fixtureWithAlias(): TenantFixture {
  const fixture = scenario('unprovisioned-users');
  const owner = fixture.users.find((u) => u.userPrincipalName === `sofia.tanaka77@${DOMAIN}`);
  if (!owner) throw new Error('the scenario changed: sofia.tanaka77 is gone');
  owner.proxyAddresses = [`SMTP:sofia.tanaka77@${DOMAIN}`, `smtp:${ALIAS}`];
  return fixture;
}

interface Subject {
  lookup: UserLookup;
  /** The sign-in names of the tenant's users. */
  upns: string[];
  close(): Promise<void>;
}

const subjects: Array<[string, () => Promise<Subject>]> = [
  [
    'in-memory fake',
    async () => {
      const fixture = fixtureWithAlias();
      const users: TenantUser[] = fixture.users.map((u) => ({
        ...user(u.userPrincipalName, { mail: typeof u.mail === 'string' ? u.mail : undefined, userType: u.userType === 'Guest' ? 'Guest' : 'Member', accountEnabled: u.accountEnabled }),
        ...(Array.isArray(u.proxyAddresses) ? { proxyAddresses: (u.proxyAddresses as unknown[]).map(String) } : {}),
      }));
      return { lookup: new FakeLookup(users), upns: users.map((u) => u.userPrincipalName), close: async () => undefined };
    },
  ],
  [
    'Graph adapter over the simulator',
    async () => {
      const fixture = fixtureWithAlias();
      const tenant = await startTenant(fixture);
      return { lookup: tenant.ports.directory, upns: fixture.users.map((u) => u.userPrincipalName), close: () => tenant.close() };
    },
  ],
];

function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.status} ${outcome.code} ${outcome.message}`);
  return outcome.value;
}

function summary(answer: Outcome<AddressMatch> | undefined): unknown {
  if (!answer || !answer.ok) return 'failed';
  return answer.value.found ? { upn: answer.value.user.userPrincipalName.toLowerCase(), by: answer.value.matchedBy, userType: answer.value.user.userType } : 'not-found';
}

describe.each(subjects)('UserLookup contract: %s', (_name, make) => {
  let subject: Subject;
  beforeEach(async () => {
    subject = await make();
  });
  afterEach(async () => {
    await subject.close();
  });

  it('getVerifiedDomains: lower-case names that hold every user’s sign-in-name domain', async () => {
    const domains = valueOf(await subject.lookup.getVerifiedDomains());
    expect(domains.length).toBeGreaterThan(0);
    expect(domains.every((d) => d === d.toLowerCase() && d.indexOf('@') < 0)).toBe(true);
    expect(domains).toContain(DOMAIN);
    for (const upn of subject.upns) {
      expect(domains).toContain(upn.substring(upn.lastIndexOf('@') + 1).toLowerCase());
    }
    // A guest's mail is outside them: it is found by mail, never by sign-in name.
    expect(domains).not.toContain('partner.example');
  });

  it('findUsersByAddress: each kind finds by its own property, in any case, keyed as passed; nobody is not-found', async () => {
    const byUpn = valueOf(await subject.lookup.findUsersByAddress([MEMBER.toUpperCase(), GUEST_MAIL], undefined, ['userPrincipalName']));
    expect(summary(byUpn.get(MEMBER.toUpperCase()))).toEqual({ upn: MEMBER, by: 'userPrincipalName', userType: 'Member' });
    expect(summary(byUpn.get(GUEST_MAIL))).toBe('not-found');
    const byMail = valueOf(await subject.lookup.findUsersByAddress(['Hannah.Kumar127@Partner.example', ALIAS], undefined, ['mail']));
    expect(summary(byMail.get('Hannah.Kumar127@Partner.example'))).toEqual({ upn: `hannah.kumar127_partner.example#ext#@${DOMAIN}`, by: 'mail', userType: 'Guest' });
    expect(summary(byMail.get(ALIAS))).toBe('not-found');
    const byProxy = valueOf(await subject.lookup.findUsersByAddress(['Sofia.T@Contoso.com', 'nobody@contoso.com'], undefined, ['proxyAddress']));
    expect(summary(byProxy.get('Sofia.T@Contoso.com'))).toEqual({ upn: `sofia.tanaka77@${DOMAIN}`, by: 'proxyAddress', userType: 'Member' });
    expect(summary(byProxy.get('nobody@contoso.com'))).toBe('not-found');
  });
});
