/**
 * Row selection that survives searching and filtering.
 *
 * Fluent's `Selection` only knows the rows it is shown, and after "select all" it treats rows that later come into
 * view as selected too — not what an admin expects before a provisioning request. So the selected user ids live here,
 * in a Set, and the Fluent `Selection` (which drives the checkbox column, select-all header, keyboard and ranges) is
 * a view of it: its changes are written back to the Set for the shown rows only, and whenever the shown rows change
 * the Set is applied to it again. Provisioned rows cannot be selected (there is nothing to request).
 */
import * as React from 'react';
import { Selection, SelectionMode } from '@fluentui/react/lib/Selection';
import type { IObjectWithKey } from '@fluentui/react/lib/Selection';
import type { UserRow } from '../../app/state';

export type RowItem = UserRow & IObjectWithKey;

export interface RowSelection {
  selection: Selection;
  /** Selected rows, shown or not. */
  count: number;
  /** Selected rows among the shown ones. */
  shownCount: number;
  /** The selected rows, in `rows` order. */
  selectedRows(): UserRow[];
  selectAllShown(): void;
  clear(): void;
}

export function rowKey(item: UserRow): string {
  return item.user.id;
}

/** The Selection is only ever given rows. */
function asRow(item: IObjectWithKey): RowItem {
  return item as RowItem;
}

function selectable(item: UserRow): boolean {
  return item.status.state !== 'provisioned';
}

export function useRowSelection(rows: ReadonlyArray<UserRow>, shown: ReadonlyArray<UserRow>): RowSelection {
  const [selected] = React.useState<Set<string>>(() => new Set<string>());
  const [counts, setCounts] = React.useState<{ count: number; shownCount: number }>({ count: 0, shownCount: 0 });
  // True while the shown rows are being replaced: the Selection's change events then say nothing about the admin's choice.
  const syncing = React.useRef<boolean>(false);
  const syncedItems = React.useRef<ReadonlyArray<UserRow> | undefined>(undefined);

  // The Fluent Selection is keyed by the row's position in `rows` ("0"…"99999"), not by the user id (a GUID): its
  // key → index dictionary then holds array-index keys, which keeps setItems fast at 100,000 rows (bench/README.md).
  // The selected Set still holds user ids.
  // The key strings are made once per rows: setItems asks every shown row's key on every keystroke, and a new string per
  // row and call was the largest cost of a keystroke at 300,000 rows (bench/filter-profile.ts).
  const positions = React.useMemo(() => {
    const map = new Map<UserRow, string>();
    for (let i = 0; i < rows.length; i++) {
      map.set(rows[i] as UserRow, String(i));
    }
    return map;
  }, [rows]);
  const positionsRef = React.useRef(positions);
  positionsRef.current = positions;
  const [selection] = React.useState<Selection>(() => {
    const created: Selection = new Selection({
      selectionMode: SelectionMode.multiple,
      getKey: (item: IObjectWithKey) => {
        const key = positionsRef.current.get(asRow(item));
        return key === undefined ? rowKey(asRow(item)) : key;
      },
      canSelectItem: (item: IObjectWithKey) => selectable(asRow(item)),
      onSelectionChanged: () => {
        if (syncing.current) {
          return;
        }
        const items = created.getItems();
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (item !== undefined) {
            const id = rowKey(asRow(item));
            if (created.isIndexSelected(i)) {
              selected.add(id);
            } else {
              selected.delete(id);
            }
          }
        }
        setCounts({ count: selected.size, shownCount: created.getSelectedCount() });
      },
    });
    return created;
  });

  // Rows gone (or now provisioned) since the last scan are no longer selected.
  React.useMemo(() => {
    if (selected.size === 0) {
      return;
    }
    const still = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as UserRow;
      if (selectable(row) && selected.has(rowKey(row))) {
        still.add(rowKey(row));
      }
    }
    selected.clear();
    still.forEach((id) => selected.add(id));
  }, [rows, selected]);

  // The DetailsList hands the new rows to the Selection while it renders; ignore what that does to the selection...
  if (syncedItems.current !== shown) {
    syncing.current = true;
  }
  // ...and apply the Set to the shown rows before the browser paints.
  React.useLayoutEffect(() => {
    syncedItems.current = shown;
    syncing.current = true;
    selection.setChangeEvents(false);
    if (selection.getItems() !== (shown as RowItem[])) {
      selection.setItems(shown as RowItem[], true);
    } else {
      // DetailsList gave the Selection these rows while rendering: only clear what it carried over.
      selection.setAllSelected(false);
    }
    if (selected.size > 0) {
      for (let i = 0; i < shown.length; i++) {
        const item = shown[i];
        if (item !== undefined && selected.has(rowKey(item))) {
          selection.setIndexSelected(i, true, false);
        }
      }
    }
    selection.setChangeEvents(true);
    syncing.current = false;
    const next = { count: selected.size, shownCount: selection.getSelectedCount() };
    setCounts((current) => (current.count === next.count && current.shownCount === next.shownCount ? current : next));
  }, [shown, selection, selected]);

  const selectedRows = React.useCallback((): UserRow[] => {
    const list: UserRow[] = [];
    if (selected.size === 0) {
      return list;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as UserRow;
      if (selected.has(rowKey(row))) {
        list.push(row);
      }
    }
    return list;
  }, [rows, selected]);

  const selectAllShown = React.useCallback((): void => {
    selection.setAllSelected(true);
  }, [selection]);

  const clear = React.useCallback((): void => {
    selected.clear();
    if (selection.getSelectedCount() > 0) {
      selection.setAllSelected(false);
    }
    setCounts({ count: 0, shownCount: 0 });
  }, [selection, selected]);

  return { selection, count: counts.count, shownCount: counts.shownCount, selectedRows, selectAllShown, clear };
}
