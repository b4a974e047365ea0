import * as React from 'react';
import type { UserRow } from '../../app/state';
import { createUserIndex, withStatuses } from '../../provisioning/filter';
import type { UserIndex } from '../../provisioning/filter';
import type { UserProvisioningStatus } from '../../provisioning/pending';
import type { UnprovisionedUser } from '../../provisioning/scan';

function sameUsers(a: ReadonlyArray<UnprovisionedUser>, b: ReadonlyArray<UnprovisionedUser>): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/**
 * The domain's search index, built once per `rows`. When only the request states changed (same users, e.g. after a
 * request), the index is re-used with the new states: its search keys and name sorts are kept.
 */
export function useUserIndex(rows: ReadonlyArray<UserRow>): UserIndex {
  const last = React.useRef<UserIndex | undefined>(undefined);
  return React.useMemo(() => {
    const users: UnprovisionedUser[] = new Array<UnprovisionedUser>(rows.length);
    const statuses: UserProvisioningStatus[] = new Array<UserProvisioningStatus>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as UserRow;
      users[i] = row.user;
      statuses[i] = row.status;
    }
    const previous = last.current;
    const index = previous !== undefined && sameUsers(previous.users, users) ? withStatuses(previous, statuses) : createUserIndex(users, statuses);
    last.current = index;
    return index;
  }, [rows]);
}
