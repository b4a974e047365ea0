/** Address helpers shared by the scan, requests, tracking and exports. Addresses compare case-insensitively. */

/** The comparison key of an address: trimmed and lowercased. */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * The address SharePoint reports as a personal site's owner, as a comparison key. Tolerates claims logins
 * ("i:0#.f|membership|ann@contoso.com") as well as plain addresses.
 */
export function ownerKey(owner: string): string {
  const bar = owner.lastIndexOf('|');
  return addressKey(bar >= 0 ? owner.substring(bar + 1) : owner);
}

/** Trimmed, non-empty addresses, first spelling kept, duplicates (case-insensitive) dropped, order kept. */
export function uniqueAddresses(addresses: ReadonlyArray<string>): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (let i = 0; i < addresses.length; i++) {
    const trimmed = (addresses[i] as string).trim();
    const key = trimmed.toLowerCase();
    if (key.length > 0 && !seen.has(key)) {
      seen.add(key);
      unique.push(trimmed);
    }
  }
  return unique;
}

/** The address a provisioning request is made with: the sign-in name (UPN), which is what SharePoint resolves. */
export function requestAddress(user: { upn: string }): string {
  return user.upn;
}
