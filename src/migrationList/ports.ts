/**
 * Ports of the migration list: what checking an admin's user mapping needs from the tenant, declared by the code that
 * needs it (as src/provisioning/ports.ts is for the scan). The Graph directory adapter implements it
 * (src/tenant/graph/directoryReader.ts); the domain's tests use an in-memory fake.
 */
import type { Outcome } from '../common/outcome';
import type { DirectoryUser } from '../provisioning/ports';

/** Which property of the user the address was found in. */
export type MatchedBy = 'userPrincipalName' | 'mail' | 'proxyAddress';

/** One address looked up in the directory: the user it belongs to, or none. */
export type AddressMatch = { found: true; user: DirectoryUser; matchedBy: MatchedBy } | { found: false };

export interface UserLookup {
  /**
   * Finds the directory user of each address (compared case-insensitively): by sign-in name (userPrincipalName), else
   * by primary email (mail), else by any SMTP address (proxyAddresses) — or only by the properties in `by`, in that
   * order. Keys of the answer are the addresses exactly as passed. One address's failure (after retries) is that
   * address's Outcome; a failure of the whole call (401, no answer) is the outer one. Never throws.
   */
  findUsersByAddress(addresses: ReadonlyArray<string>, signal?: AbortSignal, by?: ReadonlyArray<MatchedBy>): Promise<Outcome<Map<string, Outcome<AddressMatch>>>>;
  /**
   * The tenant's verified domain names (organization's `verifiedDomains`), lower case: an address in none of them is
   * nobody's sign-in name (domains.ts). Never throws.
   */
  getVerifiedDomains(signal?: AbortSignal): Promise<Outcome<string[]>>;
}
