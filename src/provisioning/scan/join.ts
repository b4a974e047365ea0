/** The join: considered users against personal-site owners, by UPN and mail, case-insensitively. */
import * as strings from 'ProvisioningStrings';
import { format } from '../../common/format';
import { addressKeyOf } from '../addresses';
import { ownerSet } from './perUser';
import type { CompactUser, ScanCheckpoint, ScanResult, UnprovisionedUser } from './types';

/**
 * The owners the admin host's enumeration listed (not those found by per-user checks after it): `all` itself when the
 * per-user checks added none (a set of every owner is not built twice — 650,000 owners at 1,000,000 users).
 */
function ownerSetFromSites(state: ScanCheckpoint, all: Set<string>): Set<string> {
  const end = state.enumeratedOwners !== undefined ? state.enumeratedOwners : state.siteOwners.length;
  return end >= state.siteOwners.length ? all : new Set<string>(state.siteOwners.slice(0, end));
}

/**
 * The result: each considered user against the owners listed. `known`, when given, is a set already holding every
 * owner key of `state.siteOwners` (the scan's own set of sites seen, kept as it read them) — then no second set of every
 * owner is built at the end; its other keys (`url:` keys of ownerless sites) are no address and match no user.
 */
export function joinResult(state: ScanCheckpoint, known?: Set<string>): ScanResult {
  const owners = known !== undefined ? known : ownerSet(state);
  const unprovisioned: UnprovisionedUser[] = [];
  const provisionedAddresses: string[] = [];
  const provisionedUpns: string[] = [];
  let provisionedCount = 0;
  const undetermined: UnprovisionedUser[] = [];
  const unknownIds = new Set<string>(state.undeterminedIds || []);
  // Multi-Geo: the geos of the considered users, and how many of each geo the admin host's enumeration listed.
  const geos = new Set<string>();
  const listedGeos = new Map<string, number>();
  let enumerated: Set<string> | undefined;
  const users = state.users;
  // One pass over the users (a million at the largest): the join and the geos together.
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as CompactUser;
    const upnKey = addressKeyOf(user.upn);
    // Most users' mail is their UPN (one string in the checkpoint): its key is the same.
    const mailKey = user.mail === undefined ? undefined : user.mail === user.upn ? upnKey : addressKeyOf(user.mail);
    if (user.geo !== undefined) {
      geos.add(user.geo);
      enumerated = enumerated || ownerSetFromSites(state, owners);
      if (enumerated.has(upnKey) || (mailKey !== undefined && enumerated.has(mailKey))) {
        listedGeos.set(user.geo, (listedGeos.get(user.geo) || 0) + 1);
      }
    }
    if (unknownIds.size > 0 && unknownIds.has(user.id)) {
      undetermined.push(user);
      continue;
    }
    if (owners.has(upnKey) || (mailKey !== undefined && owners.has(mailKey))) {
      provisionedCount++;
      // The user's own UPN string beside each key: one reference an entry, no new string.
      provisionedAddresses.push(upnKey);
      provisionedUpns.push(user.upn);
      if (mailKey !== undefined && mailKey !== upnKey) {
        provisionedAddresses.push(mailKey);
        provisionedUpns.push(user.upn);
      }
    } else {
      unprovisioned.push(user);
    }
  }
  const result: ScanResult = {
    considered: users.length,
    excluded: { guests: state.excluded.guests, disabled: state.excluded.disabled, unlicensed: state.excluded.unlicensed },
    unprovisioned,
    provisionedCount,
    provisionedAddresses,
    provisionedUpns,
    method: state.method,
    undetermined,
  };
  if (state.methodNotice !== undefined) {
    result.methodNotice = state.methodNotice;
  }
  if (state.methodReason !== undefined) {
    result.methodReason = state.methodReason;
  }
  if (geos.size > 0) {
    result.geos = Array.from(geos).sort();
    let best: string | undefined;
    listedGeos.forEach((count, geo) => {
      if (best === undefined || count > (listedGeos.get(best) || 0)) {
        best = geo;
      }
    });
    if (best !== undefined && state.method === 'tenant-admin') {
      result.defaultGeo = best;
    }
  }
  if (state.geoChecked) {
    result.geoChecked = true;
  }
  if (state.undeterminedReason !== undefined && undetermined.length > 0) {
    result.undeterminedReason = state.undeterminedReason;
  }
  if (state.sitesWithoutOwner !== undefined && state.sitesWithoutOwner > 0) {
    result.sitesWithoutOwner = state.sitesWithoutOwner;
    result.ownerlessNotice = format(strings.OwnerlessSitesNotice, state.sitesWithoutOwner);
  }
  return result;
}
