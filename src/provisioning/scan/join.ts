/** The join: considered users against personal-site owners, by UPN and mail, case-insensitively. */
import { addressKey } from '../addresses';
import { ownerSet } from './perUser';
import type { CompactUser, ScanCheckpoint, ScanResult, UnprovisionedUser } from './types';

export function joinResult(state: ScanCheckpoint): ScanResult {
  const owners = ownerSet(state);
  const unprovisioned: UnprovisionedUser[] = [];
  const provisionedAddresses: string[] = [];
  let provisionedCount = 0;
  const undetermined: UnprovisionedUser[] = [];
  const unknownIds = new Set<string>(state.undeterminedIds || []);
  const users = state.users;
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as CompactUser;
    if (unknownIds.has(user.id)) {
      undetermined.push(user);
      continue;
    }
    const upnKey = addressKey(user.upn);
    const mailKey = user.mail !== undefined ? addressKey(user.mail) : undefined;
    if (owners.has(upnKey) || (mailKey !== undefined && owners.has(mailKey))) {
      provisionedCount++;
      provisionedAddresses.push(upnKey);
      if (mailKey !== undefined && mailKey !== upnKey) {
        provisionedAddresses.push(mailKey);
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
    method: state.method,
    undetermined,
  };
  if (state.methodNotice !== undefined) {
    result.methodNotice = state.methodNotice;
  }
  if (state.methodReason !== undefined) {
    result.methodReason = state.methodReason;
  }
  if (state.undeterminedReason !== undefined && undetermined.length > 0) {
    result.undeterminedReason = state.undeterminedReason;
  }
  return result;
}
