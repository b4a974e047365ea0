/**
 * Row selection that survives searching and filtering.
 *
 * The choice is kept per row of the whole list (rowSelectionModel.ts), and the DetailsList (checkbox column,
 * select-all header, keyboard, ranges) is given that model as its selection, over the shown rows. A new search only
 * tells the model which rows are shown (and where they are in `rows`): nothing is re-applied row by row, which keeps a
 * keystroke cheap at 300,000 rows. Provisioned rows cannot be selected (there is nothing to request).
 */
import * as React from 'react';
import type { ISelection } from '@fluentui/react/lib/Selection';
import type { UserRow } from '../../app/state';
import { RowSelectionModel } from './rowSelectionModel';
import type { RowItem } from './rowSelectionModel';

export interface RowSelection {
  selection: ISelection;
  /** Selected rows, shown or not. */
  count: number;
  /** Selected rows among the shown ones. */
  shownCount: number;
  /** The selected rows, in `rows` order. */
  selectedRows(): UserRow[];
  selectAllShown(): void;
  clear(): void;
}

interface Counts {
  count: number;
  shownCount: number;
}

/**
 * `shownPositions[i]` is the position of `shown[i]` in `rows` (what the filter returns); without it the positions are
 * looked up by row identity.
 */
export function useRowSelection(rows: ReadonlyArray<UserRow>, shown: ReadonlyArray<UserRow>, shownPositions?: ArrayLike<number>): RowSelection {
  const [counts, setCounts] = React.useState<Counts>({ count: 0, shownCount: 0 });
  const [model] = React.useState<RowSelectionModel>(() => {
    const created: RowSelectionModel = new RowSelectionModel(() => {
      const next = { count: created.getTotalSelectedCount(), shownCount: created.getSelectedCount() };
      setCounts((current) => (current.count === next.count && current.shownCount === next.shownCount ? current : next));
    });
    return created;
  });

  // Rows gone (or now provisioned) since the last scan are no longer selected. Given while rendering, before the
  // DetailsList (rendered after this) hands the shown rows to the model; both are idempotent.
  model.setRows(rows);
  if (shownPositions !== undefined) {
    model.show(shown, shownPositions);
  } else {
    model.setItems(shown as RowItem[]);
  }

  // The rendered rows read their state while rendering; the header's "all selected" and the counts are told here,
  // before the browser paints.
  React.useLayoutEffect(() => {
    model.announceShown();
    const next = { count: model.getTotalSelectedCount(), shownCount: model.getSelectedCount() };
    setCounts((current) => (current.count === next.count && current.shownCount === next.shownCount ? current : next));
  }, [rows, shown, model]);

  const selectedRows = React.useCallback((): UserRow[] => model.getSelectedRows(), [model]);
  const selectAllShown = React.useCallback((): void => model.setAllSelected(true), [model]);
  const clear = React.useCallback((): void => model.clearAll(), [model]);

  return { selection: model, count: counts.count, shownCount: counts.shownCount, selectedRows, selectAllShown, clear };
}
