/**
 * The migration list's domain tests: a tenant as in-memory directory users, its scan result made by the real scan over
 * the in-memory port fakes (tests/provisioning/doubles.ts), and an in-memory UserLookup that answers as the directory
 * does (UPN, then mail, then proxy addresses; case-insensitive) and counts its calls.
 */
import { success, type Failure, type Outcome } from '../../src/common/outcome';
import { createRequestTracker } from '../../src/provisioning/pending';
import type { DirectoryUser, ProvisioningLogEntry } from '../../src/provisioning/ports';
import { scanTenant, type ScanResult } from '../../src/provisioning/scan';
import type { AddressMatch, MatchedBy, UserLookup } from '../../src/migrationList/ports';
import { LOOKUP_ORDER } from '../../src/migrationList/lookup';
import { MigrationListSession, type SessionOptions } from '../../src/migrationList/session';
import type { MigrationListView, ScanInputs, ScanUserRow } from '../../src/migrationList/types';
import { FakeDirectory, FakeSites, sitesFor, user } from '../provisioning/doubles';

export { user };

export type TenantUser = DirectoryUser & { proxyAddresses?: string[]; site?: boolean };

export class FakeLookup implements UserLookup {
  public calls: string[][] = [];
  /** Addresses (lower case) whose lookup fails with this failure. */
  public failing = new Map<string, Failure>();
  /** When set, every call fails as a whole with it. */
  public down: Failure | undefined;

  /** When set, the verified domains cannot be read (this failure). */
  public domainsDown: Failure | undefined;
  public domainReads: number = 0;
  private readonly domains: string[];

  /**
   * `verifiedDomains`: the tenant's verified domains; by default those of its users' sign-in names (every UPN's domain
   * is a verified one, Graph docs user resource type).
   */
  public constructor(
    private readonly users: ReadonlyArray<TenantUser>,
    verifiedDomains?: ReadonlyArray<string>,
  ) {
    this.domains = verifiedDomains ? verifiedDomains.map((d) => d.toLowerCase()) : Array.from(new Set(users.map((u) => u.userPrincipalName.substring(u.userPrincipalName.lastIndexOf('@') + 1).toLowerCase())));
  }

  public async getVerifiedDomains(): Promise<Outcome<string[]>> {
    this.domainReads++;
    await Promise.resolve();
    return this.domainsDown ?? success(this.domains.slice());
  }

  /** The lookups each call asked for. */
  public stages: Array<ReadonlyArray<MatchedBy>> = [];

  public async findUsersByAddress(addresses: ReadonlyArray<string>, _signal?: AbortSignal, by: ReadonlyArray<MatchedBy> = LOOKUP_ORDER): Promise<Outcome<Map<string, Outcome<AddressMatch>>>> {
    this.calls.push(addresses.slice());
    this.stages.push(by);
    await Promise.resolve();
    if (this.down) {
      return this.down;
    }
    const answers = new Map<string, Outcome<AddressMatch>>();
    for (const address of addresses) {
      const key = address.toLowerCase();
      const failed = this.failing.get(key);
      if (failed) {
        answers.set(address, failed);
        continue;
      }
      const byUpn = by.indexOf('userPrincipalName') >= 0 ? this.users.find((u) => u.userPrincipalName.toLowerCase() === key) : undefined;
      const byMail = by.indexOf('mail') >= 0 ? this.users.find((u) => (u.mail || '').toLowerCase() === key) : undefined;
      const byProxy = by.indexOf('proxyAddress') >= 0 ? this.users.find((u) => (u.proxyAddresses || []).some((p) => p.toLowerCase() === 'smtp:' + key)) : undefined;
      const found: AddressMatch = byUpn
        ? { found: true, user: strip(byUpn), matchedBy: 'userPrincipalName' }
        : byMail
          ? { found: true, user: strip(byMail), matchedBy: 'mail' }
          : byProxy
            ? { found: true, user: strip(byProxy), matchedBy: 'proxyAddress' }
            : { found: false };
      answers.set(address, success(found));
    }
    return success(answers);
  }

  /** Each address looked up (once, whatever the number of lookup kinds it went through). */
  public get addressesLookedUp(): string[] {
    return Array.from(new Set(([] as string[]).concat(...this.calls)));
  }
}

function strip(u: TenantUser): DirectoryUser {
  const { proxyAddresses: _p, site: _s, ...rest } = u;
  return rest;
}

/** The scan's result for these users (those with `site` have a OneDrive), by the real scan over in-memory ports. */
export async function scanOf(users: ReadonlyArray<TenantUser>): Promise<ScanResult> {
  const directoryUsers = users.map(strip);
  const withSite = users.filter((u) => u.site).map(strip);
  const outcome = await scanTenant({ directory: new FakeDirectory(directoryUsers), sites: new FakeSites(sitesFor(withSite)) }, {});
  if (outcome.status !== 'done') {
    throw new Error('scan did not finish');
  }
  return outcome.result;
}

/** The controller's rows: the unprovisioned users with their request state from the log. */
export function rowsOf(result: ScanResult, log: ProvisioningLogEntry[] = [], now: Date = new Date()): ScanUserRow[] {
  const tracker = createRequestTracker(log, now);
  return result.unprovisioned.map((u) => ({ user: u, status: tracker.statusOf(u) }));
}

export async function scanInputs(users: ReadonlyArray<TenantUser>, log: ProvisioningLogEntry[] = []): Promise<ScanInputs> {
  const result = await scanOf(users);
  return { result, running: false, rows: rowsOf(result, log) };
}

/** A session that yields with setImmediate (fast) and records every view it reports. */
export function testSession(lookup: UserLookup, options: SessionOptions = {}): { session: MigrationListSession; views: MigrationListView[] } {
  const views: MigrationListView[] = [];
  const session = new MigrationListSession(lookup, (view) => views.push(view), {
    yieldNow: () => new Promise<void>((resolve) => setImmediate(resolve)),
    progressEveryMs: 0,
    ...options,
  });
  return { session, views };
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Resolves once the session's view reaches a final phase. */
export async function settled(session: MigrationListSession, timeoutMs = 10000): Promise<MigrationListView> {
  const started = Date.now();
  for (;;) {
    const view = session.getView();
    if (view.phase === 'done' || view.phase === 'failed' || view.phase === 'waiting-for-scan' || view.phase === 'empty') {
      return view;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`the session stayed in ${view.phase}`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 2));
  }
}
