/** Address helpers shared by the scan, requests, tracking and exports. Addresses compare case-insensitively. */

/** The comparison key of an address: trimmed and lowercased. */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * addressKey, answering the address itself when it is its own key — ASCII, no capital, no space at either end, as most
 * UPNs are — rather than a new string equal to it: the scan's join asks this for every user, and a lookup by the user's
 * own string (no new string made, its hash kept) is several times faster than by a fresh copy.
 */
export function addressKeyOf(address: string): string {
  const length = address.length;
  if (length === 0 || address.charCodeAt(0) <= 32 || address.charCodeAt(length - 1) <= 32) {
    return addressKey(address);
  }
  for (let i = 0; i < length; i++) {
    const c = address.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) {
      return addressKey(address);
    }
  }
  return address;
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

/** Control characters (C0, DEL, C1) and Unicode line/paragraph separators: no address has them. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
      return true;
    }
  }
  return false;
}
