/**
 * Which addresses can be a sign-in name of this tenant. Graph docs, *user resource type* (v1.0), `userPrincipalName`:
 * "The general format is alias@domain, where domain must be present in the tenant's collection of verified domains
 * … The verified domains for the tenant can be accessed from the verifiedDomains property of organization." So an
 * address whose domain is not a verified domain is nobody's UPN, and its sign-in-name lookup is skipped. Its `mail` and
 * `proxyAddresses` lookups are not: a guest's mail is the guest's own external address, and the docs set no such rule
 * for those properties. A subdomain of a verified domain is treated as possibly verified (Graph docs, *Create domain*:
 * a verified root domain's subdomains are verified automatically), so only what the evidence excludes is skipped.
 */

/** Lower-case verified domain names, for `couldBeSignInName`. */
export type TenantDomains = ReadonlySet<string>;

export function tenantDomains(names: ReadonlyArray<string>): TenantDomains {
  const set = new Set<string>();
  for (const name of names) {
    const domain = name.trim().toLowerCase();
    if (domain.length > 0) {
      set.add(domain);
    }
  }
  return set;
}

/**
 * False only when the address's domain is neither a verified domain nor a subdomain of one. `key` is a lower-case
 * address (local@domain). Without domains (not read, or the read failed) every address could be a sign-in name.
 */
export function couldBeSignInName(key: string, domains: TenantDomains | undefined): boolean {
  if (domains === undefined || domains.size === 0) {
    return true;
  }
  const at = key.lastIndexOf('@');
  let domain = at >= 0 ? key.substring(at + 1) : key;
  for (;;) {
    if (domains.has(domain)) {
      return true;
    }
    const dot = domain.indexOf('.');
    if (dot < 0) {
      return false;
    }
    domain = domain.substring(dot + 1);
  }
}
