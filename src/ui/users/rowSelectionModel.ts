/**
 * The users list's selection, as the Fluent DetailsList sees it (`ISelection`), kept for ALL rows.
 *
 * The admin's choice is one flag per row of the list (by the row's position in `rows`), so it survives searching and
 * filtering. The DetailsList is shown a subset (`shown`, with each shown row's position) and asks about indexes into
 * that subset: is it selected, select it, toggle a range, select all… Every question and change goes through the
 * positions to the flags; nothing is stored per shown index.
 *
 * Why not Fluent's `Selection`: it only knows the rows it is shown, so each keystroke had to hand it every shown row
 * (`setItems`: a key per row, a key → index dictionary and an unselectable-index dictionary over up to 300,000 rows)
 * and then re-apply the kept choice to it. Here a new `shown` costs nothing until something is asked, and what is asked
 * per keystroke (the rendered rows' states, the shown selected count) reads typed arrays.
 *
 * Semantics are those of Fluent's `Selection` in multiple mode over the shown rows (anchor, ranges, select all,
 * toggles, unselectable rows), with one deliberate difference: rows that are not shown keep their state, and
 * "select all" only ever selects the shown rows (Fluent's would also select rows that come into view later).
 * Provisioned rows cannot be selected (there is nothing to request).
 */
import { SELECTION_CHANGE, SelectionMode } from '@fluentui/react/lib/Selection';
import type { ISelection, IObjectWithKey } from '@fluentui/react/lib/Selection';
import { EventGroup } from '@fluentui/react/lib/Utilities';
import type { UserRow } from '../../app/state';

export type RowItem = UserRow & IObjectWithKey;

/** The selection key of a row (`getItemIndex`, `isKeySelected`…): the user's id. */
export function rowKey(item: UserRow): string {
  return item.user.id;
}

export function selectableRow(item: UserRow): boolean {
  return item.status.state !== 'provisioned';
}

const NO_ITEMS: RowItem[] = [];
const NO_POSITIONS: number[] = [];

/** The sum of `values` (0 or 1 each) at the given positions: how many shown rows have a flag. */
function sumAt(values: Uint8Array, positions: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < positions.length; i++) {
    n += values[positions[i] as number] as number;
  }
  return n;
}

export class RowSelectionModel implements ISelection {
  public mode: SelectionMode = SelectionMode.multiple;

  private _rows: ReadonlyArray<UserRow> = [];
  /** Per row of `rows`: 1 selected. */
  private _flags: Uint8Array = new Uint8Array(0);
  /** Per row of `rows`: 1 can be selected. */
  private _selectable: Uint8Array = new Uint8Array(0);
  /** Selected rows, shown or not. */
  private _total: number = 0;

  private _items: RowItem[] = NO_ITEMS;
  /** Per shown index: the row's position in `rows`. */
  private _positions: ArrayLike<number> = NO_POSITIONS;
  /** Positions of shown arrays given by `show` (DetailsList hands the same array to `setItems`). */
  private _known: WeakMap<ReadonlyArray<UserRow>, ArrayLike<number>> = new WeakMap();
  private _positionOfRow: Map<UserRow, number> | undefined = undefined;
  private _keyToIndex: Map<string, number> | undefined = undefined;
  /** Counts over the shown rows, made when asked; undefined when the shown rows or the flags changed. */
  private _shownSelected: number | undefined = undefined;
  private _shownSelectable: number | undefined = undefined;

  private _anchoredIndex: number = 0;
  private _isModal: boolean = false;
  private _suppression: number = 0;
  private _hasChanged: boolean = false;
  /** `setRows` changed the selection: `announceShown` must say so even when nothing is selected now. */
  private _announce: boolean = false;
  private _onChanged: (() => void) | undefined;

  public constructor(onSelectionChanged?: () => void) {
    this._onChanged = onSelectionChanged;
  }

  // ---- The whole list -------------------------------------------------------------------------------------------

  /**
   * The list's rows. A row selected before stays selected if its user is still in the list and can still be selected
   * (a re-check may have found its OneDrive). The shown rows must be given again (`show`/`setItems`).
   */
  public setRows(rows: ReadonlyArray<UserRow>): void {
    if (rows === this._rows) {
      return;
    }
    let kept: Set<string> | undefined;
    if (this._total > 0) {
      kept = new Set<string>();
      for (let i = 0; i < this._rows.length; i++) {
        if (this._flags[i] === 1) {
          kept.add(rowKey(this._rows[i] as UserRow));
        }
      }
    }
    const flags = new Uint8Array(rows.length);
    const selectable = new Uint8Array(rows.length);
    let total = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as UserRow;
      if (selectableRow(row)) {
        selectable[i] = 1;
        if (kept !== undefined && kept.has(rowKey(row))) {
          flags[i] = 1;
          total++;
        }
      }
    }
    if (total !== this._total) {
      this._announce = true;
    }
    this._rows = rows;
    this._flags = flags;
    this._selectable = selectable;
    this._total = total;
    this._positionOfRow = undefined;
    this._items = NO_ITEMS;
    this._positions = NO_POSITIONS;
    this._keyToIndex = undefined;
    this._countsChanged();
  }

  public getRows(): ReadonlyArray<UserRow> {
    return this._rows;
  }

  /** Selected rows, shown or not. */
  public getTotalSelectedCount(): number {
    return this._total;
  }

  /** The selected rows, shown or not, in `rows` order. */
  public getSelectedRows(): UserRow[] {
    const list: UserRow[] = [];
    if (this._total === 0) {
      return list;
    }
    for (let i = 0; i < this._rows.length; i++) {
      if (this._flags[i] === 1) {
        list.push(this._rows[i] as UserRow);
      }
    }
    return list;
  }

  /** Unselects every row, shown or not. */
  public clearAll(): void {
    if (this._total === 0) {
      return;
    }
    this._flags.fill(0);
    this._total = 0;
    this._countsChanged();
    this._change();
    this.setModal(false);
  }

  /**
   * The rows to show and, for each, its position in `rows` (what the filter returns). `setItems` with the same array
   * (DetailsList calls it while rendering) then needs no look-up.
   */
  public show(shown: ReadonlyArray<UserRow>, positions: ArrayLike<number>): void {
    this._known.set(shown, positions);
    this.setItems(shown as RowItem[]);
  }

  /**
   * Tells the list's rows and header (and the change callback) that new rows or new shown rows changed what they show.
   * Called after rendering: `setRows` and `show` run while the list renders and so raise nothing.
   */
  public announceShown(): void {
    if (this._total > 0 || this._announce) {
      this._announce = false;
      this._change();
    }
  }

  // ---- ISelection ---------------------------------------------------------------------------------------------------

  public get count(): number {
    return this.getSelectedCount();
  }

  public canSelectItem(item: IObjectWithKey, index?: number): boolean {
    if (typeof index === 'number' && index < 0) {
      return false;
    }
    return selectableRow(item as RowItem);
  }

  public setChangeEvents(isEnabled: boolean, suppressChange?: boolean): void {
    this._suppression += isEnabled ? -1 : 1;
    if (this._suppression === 0 && this._hasChanged) {
      this._hasChanged = false;
      if (!suppressChange) {
        this._change();
      }
    }
  }

  /**
   * The shown rows. Nothing is cleared: the choice is kept per row (`shouldClear` is Fluent's way to start over on a new
   * list; the DetailsList asks it only when its `setKey` changes, which ours never does).
   */
  public setItems(items: IObjectWithKey[]): void {
    if (items === this._items) {
      return;
    }
    const rows = items as RowItem[];
    this._items = rows;
    this._positions = this._known.get(rows) || this._positionsOf(rows);
    this._keyToIndex = undefined;
    this._countsChanged();
  }

  public getItems(): RowItem[] {
    return this._items;
  }

  public getItemIndex(key: string): number {
    if (this._keyToIndex === undefined) {
      const map = new Map<string, number>();
      for (let i = 0; i < this._items.length; i++) {
        map.set(rowKey(this._items[i] as RowItem), i);
      }
      this._keyToIndex = map;
    }
    const index = this._keyToIndex.get(key);
    return index === undefined ? -1 : index;
  }

  public getSelection(): RowItem[] {
    return this.getSelectedIndices().map((i) => this._items[i] as RowItem);
  }

  public getSelectedIndices(): number[] {
    const list: number[] = [];
    if (this._total === 0) {
      return list;
    }
    for (let i = 0; i < this._items.length; i++) {
      if (this._flags[this._positions[i] as number] === 1) {
        list.push(i);
      }
    }
    return list;
  }

  /** Selected rows among the shown ones. */
  public getSelectedCount(): number {
    if (this._total === 0) {
      return 0;
    }
    if (this._shownSelected === undefined) {
      this._shownSelected = sumAt(this._flags, this._positions);
    }
    return this._shownSelected;
  }

  public isRangeSelected(fromIndex: number, count: number): boolean {
    if (count === 0) {
      return false;
    }
    for (let i = fromIndex; i < fromIndex + count; i++) {
      if (!this.isIndexSelected(i)) {
        return false;
      }
    }
    return true;
  }

  /** True when every shown row that can be selected is selected (and there is one). */
  public isAllSelected(): boolean {
    if (this._total === 0) {
      return false;
    }
    const selectable = this._shownSelectableCount();
    return selectable > 0 && this.getSelectedCount() === selectable;
  }

  public isKeySelected(key: string): boolean {
    return this.isIndexSelected(this.getItemIndex(key));
  }

  public isIndexSelected(index: number): boolean {
    if (this._total === 0 || !(index >= 0 && index < this._items.length)) {
      return false;
    }
    return this._flags[this._positions[index] as number] === 1;
  }

  public isModal(): boolean {
    return this._isModal;
  }

  public setModal(isModal: boolean): void {
    if (this._isModal !== isModal) {
      this.setChangeEvents(false);
      this._isModal = isModal;
      if (!isModal) {
        this.setAllSelected(false);
      }
      this._change();
      this.setChangeEvents(true);
    }
  }

  /** Selects (or unselects) every shown row that can be selected; rows not shown keep their state. */
  public setAllSelected(isAllSelected: boolean): void {
    if (isAllSelected && this.mode !== SelectionMode.multiple) {
      return;
    }
    this.setChangeEvents(false);
    this._setShown(isAllSelected);
    this.setChangeEvents(true);
  }

  public setKeySelected(key: string, isSelected: boolean, shouldAnchor: boolean): void {
    const index = this.getItemIndex(key);
    if (index >= 0) {
      this.setIndexSelected(index, isSelected, shouldAnchor);
    }
  }

  public setIndexSelected(index: number, isSelected: boolean, shouldAnchor: boolean): void {
    if (this.mode === SelectionMode.none) {
      return;
    }
    // Clamped as Fluent's Selection does.
    index = Math.min(Math.max(0, index), this._items.length - 1);
    if (index < 0 || index >= this._items.length) {
      return;
    }
    this.setChangeEvents(false);
    const position = this._positions[index] as number;
    if (this._selectable[position] === 1) {
      if (isSelected && this.mode === SelectionMode.single) {
        this._setShown(false);
      }
      this._setFlag(position, isSelected);
      if (shouldAnchor) {
        this._anchoredIndex = index;
      }
    }
    this._afterCountChange();
    this.setChangeEvents(true);
  }

  public setRangeSelected(fromIndex: number, count: number, isSelected: boolean, shouldAnchor: boolean): void {
    if (this.mode === SelectionMode.none) {
      return;
    }
    fromIndex = Math.min(Math.max(0, fromIndex), this._items.length - 1);
    count = Math.min(Math.max(0, count), this._items.length - fromIndex);
    if (fromIndex < 0 || fromIndex >= this._items.length || count === 0) {
      return;
    }
    this.setChangeEvents(false);
    const anchorIndex = this._anchoredIndex || 0;
    const endIndex = fromIndex + count - 1;
    const newAnchorIndex = anchorIndex >= endIndex ? fromIndex : endIndex;
    for (let i = fromIndex; i <= endIndex; i++) {
      this.setIndexSelected(i, isSelected, shouldAnchor ? i === newAnchorIndex : false);
    }
    this.setChangeEvents(true);
  }

  public selectToKey(key: string, clearSelection?: boolean): void {
    this.selectToIndex(this.getItemIndex(key), clearSelection);
  }

  public selectToRange(fromIndex: number, count: number, clearSelection?: boolean): void {
    if (this.mode === SelectionMode.none) {
      return;
    }
    if (this.mode === SelectionMode.single) {
      if (count === 1) {
        this.setIndexSelected(fromIndex, true, true);
      }
      return;
    }
    const anchorIndex = this._anchoredIndex || 0;
    const start = Math.min(fromIndex, anchorIndex);
    const end = Math.max(fromIndex + count - 1, anchorIndex);
    this._selectBetween(start, end, clearSelection === true);
  }

  public selectToIndex(index: number, clearSelection?: boolean): void {
    if (this.mode === SelectionMode.none) {
      return;
    }
    if (this.mode === SelectionMode.single) {
      this.setIndexSelected(index, true, true);
      return;
    }
    const anchorIndex = this._anchoredIndex || 0;
    this._selectBetween(Math.min(index, anchorIndex), Math.max(index, anchorIndex), clearSelection === true);
  }

  public toggleAllSelected(): void {
    this.setAllSelected(!this.isAllSelected());
  }

  public toggleKeySelected(key: string): void {
    this.setKeySelected(key, !this.isKeySelected(key), true);
  }

  public toggleIndexSelected(index: number): void {
    this.setIndexSelected(index, !this.isIndexSelected(index), true);
  }

  public toggleRangeSelected(fromIndex: number, count: number): void {
    if (this.mode === SelectionMode.none) {
      return;
    }
    const isRangeSelected = this.isRangeSelected(fromIndex, count);
    if (this.mode === SelectionMode.single && count > 1) {
      return;
    }
    this.setChangeEvents(false);
    for (let i = fromIndex; i < fromIndex + count; i++) {
      this.setIndexSelected(i, !isRangeSelected, false);
    }
    this.setChangeEvents(true);
  }

  // ---- Internals ----------------------------------------------------------------------------------------------------

  /** Positions of rows not given through `show`: looked up by identity (a map made once per `rows`). */
  private _positionsOf(items: ReadonlyArray<RowItem>): number[] {
    if (this._positionOfRow === undefined) {
      const map = new Map<UserRow, number>();
      for (let i = 0; i < this._rows.length; i++) {
        map.set(this._rows[i] as UserRow, i);
      }
      this._positionOfRow = map;
    }
    const positions: number[] = new Array<number>(items.length);
    for (let i = 0; i < items.length; i++) {
      const position = this._positionOfRow.get(items[i] as RowItem);
      if (position === undefined) {
        throw new Error('RowSelectionModel: a shown row is not one of the rows');
      }
      positions[i] = position;
    }
    return positions;
  }

  private _shownSelectableCount(): number {
    if (this._shownSelectable === undefined) {
      this._shownSelectable = sumAt(this._selectable, this._positions);
    }
    return this._shownSelectable;
  }

  private _setFlag(position: number, isSelected: boolean): void {
    const value = isSelected ? 1 : 0;
    if (this._flags[position] !== value) {
      this._flags[position] = value;
      this._total += isSelected ? 1 : -1;
      // Only shown rows are changed one by one.
      if (this._shownSelected !== undefined) {
        this._shownSelected += isSelected ? 1 : -1;
      }
      this._change();
    }
  }

  /** Every shown row that can be selected, to one state. */
  private _setShown(isSelected: boolean): void {
    if (!isSelected && this._total === 0) {
      return;
    }
    this.setChangeEvents(false);
    const positions = this._positions;
    const selectable = this._selectable;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      if (selectable[position] === 1) {
        this._setFlag(position, isSelected);
      }
    }
    this._afterCountChange();
    this.setChangeEvents(true);
  }

  private _selectBetween(start: number, end: number, clearSelection: boolean): void {
    this.setChangeEvents(false);
    if (clearSelection) {
      this._setShown(false);
    }
    for (let i = start; i <= end; i++) {
      this.setIndexSelected(i, true, false);
    }
    this.setChangeEvents(true);
  }

  /** As Fluent's: with nothing selected among the shown rows, the touch "modal" mode ends. */
  private _afterCountChange(): void {
    if (this._isModal && this.getSelectedCount() === 0) {
      this.setModal(false);
    }
  }

  private _countsChanged(): void {
    this._shownSelected = undefined;
    this._shownSelectable = undefined;
  }

  private _change(): void {
    if (this._suppression === 0) {
      EventGroup.raise(this, SELECTION_CHANGE);
      if (this._onChanged !== undefined) {
        this._onChanged();
      }
    } else {
      this._hasChanged = true;
    }
  }
}
