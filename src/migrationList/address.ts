/** A destination as written → the address compared with the directory's, or why it is not one. */
import { hasControlCharacter } from '../provisioning/addresses';

export type Destination = { ok: true; key: string; address: string } | { ok: false; invalid: 'empty' | 'not-an-address' };

/**
 * local@domain.tld: no spaces, no characters an address never has, a dot in the domain. The local part keeps what
 * Entra allows in sign-in names and aliases (' + _ - . # …), so guests' `#EXT#` UPNs are addresses too.
 */
const ADDRESS: RegExp = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\.]+(\.[^\s@"(),:;<>[\]\\.]+)+$/;
/** `SMTP:` / `smtp:` (a proxy address as Exchange lists it) and `mailto:` prefixes are not part of the address. */
const PREFIX: RegExp = /^(smtp|mailto):/i;

/** The cell as shown and compared: surrounding whitespace (and a no-break space) removed, case kept. */
export function writtenDestination(cell: string | undefined): string {
  return (cell || '').replace(/^[\s\u00a0\ufeff]+|[\s\u00a0]+$/g, '');
}

export function looksLikeAddress(value: string): boolean {
  const trimmed = writtenDestination(value).replace(PREFIX, '');
  return ADDRESS.test(trimmed) && !hasControlCharacter(trimmed);
}

export function toDestination(cell: string | undefined): Destination {
  const written = writtenDestination(cell);
  if (written.length === 0) {
    return { ok: false, invalid: 'empty' };
  }
  const address = written.replace(PREFIX, '');
  if (!ADDRESS.test(address) || hasControlCharacter(address)) {
    return { ok: false, invalid: 'not-an-address' };
  }
  return { ok: true, key: address.toLowerCase(), address };
}
