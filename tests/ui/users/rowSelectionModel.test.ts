import { EventGroup } from '@fluentui/react/lib/Utilities';
import { SELECTION_CHANGE, Selection, SelectionMode } from '@fluentui/react/lib/Selection';
import type { IObjectWithKey } from '@fluentui/react/lib/Selection';
import type { UserRow } from '../../../src/app/state';
import { RowSelectionModel, rowKey, selectableRow } from '../../../src/ui/users/rowSelectionModel';
import type { RowItem } from '../../../src/ui/users/rowSelectionModel';
import { row, user } from './fixtures';

function makeRows(n: number): UserRow[] {
  const rows: UserRow[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(row(user('u' + String(i), 'User ' + String(i)), i % 7 === 3 ? { state: 'provisioned' } : { state: 'not-provisioned' }));
  }
  return rows;
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_v, i) => i);
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Op = { name: string; run(s: Selection | RowSelectionModel): void };

function randomOp(next: () => number, rows: UserRow[]): Op {
  const n = rows.length;
  const i = Math.floor(next() * n);
  // Ranges stay inside the list: out of it Fluent answers from its "all selected" mode (an index past the end reads as
  // selected), which the DetailsList never asks.
  const count = Math.min(1 + Math.floor(next() * 6), n - i);
  const flag = next() < 0.5;
  const anchor = next() < 0.5;
  const key = rowKey(rows[i] as UserRow);
  const ops: Op[] = [
    { name: `setIndexSelected(${i}, ${flag}, ${anchor})`, run: (s) => s.setIndexSelected(i, flag, anchor) },
    { name: `toggleIndexSelected(${i})`, run: (s) => s.toggleIndexSelected(i) },
    { name: `selectToIndex(${i}, ${flag})`, run: (s) => s.selectToIndex(i, flag) },
    { name: `selectToRange(${i}, ${count}, ${flag})`, run: (s) => s.selectToRange(i, count, flag) },
    { name: `toggleRangeSelected(${i}, ${count})`, run: (s) => s.toggleRangeSelected(i, count) },
    { name: `setRangeSelected(${i}, ${count}, ${flag}, ${anchor})`, run: (s) => s.setRangeSelected(i, count, flag, anchor) },
    { name: `setAllSelected(${flag})`, run: (s) => s.setAllSelected(flag) },
    { name: 'toggleAllSelected()', run: (s) => s.toggleAllSelected() },
    { name: `setKeySelected(${key}, ${flag}, ${anchor})`, run: (s) => s.setKeySelected(key, flag, anchor) },
    { name: `toggleKeySelected(${key})`, run: (s) => s.toggleKeySelected(key) },
    { name: `selectToKey(${key}, ${flag})`, run: (s) => s.selectToKey(key, flag) },
  ];
  return ops[Math.floor(next() * ops.length)] as Op;
}

function state(s: Selection | RowSelectionModel, rows: UserRow[]): unknown {
  return {
    selected: rows.map((_r, i) => s.isIndexSelected(i)),
    byKey: rows.map((r) => s.isKeySelected(rowKey(r))),
    indices: s.getSelectedIndices(),
    selection: s.getSelection().map((r) => rowKey(r as RowItem)),
    count: s.getSelectedCount(),
    all: s.isAllSelected(),
    ranges: [0, 3, 8, 16].map((from) => s.isRangeSelected(from, 4)),
  };
}

describe('RowSelectionModel: the same answers as Fluent Selection when every row is shown', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('random operations, seed %i', (seed) => {
    const rows = makeRows(20);
    const fluent = new Selection({
      selectionMode: SelectionMode.multiple,
      getKey: (item: IObjectWithKey) => rowKey(item as RowItem),
      canSelectItem: (item: IObjectWithKey) => selectableRow(item as RowItem),
    });
    fluent.setItems(rows as RowItem[], true);
    const model = new RowSelectionModel();
    model.setRows(rows);
    model.show(rows, identity(rows.length));
    const next = random(seed);
    const done: string[] = [];
    for (let step = 0; step < 200; step++) {
      const op = randomOp(next, rows);
      done.push(op.name);
      op.run(fluent);
      op.run(model);
      // The first difference names the operations that led to it.
      expect({ after: done.slice(-3), state: state(model, rows) }).toEqual({ after: done.slice(-3), state: state(fluent, rows) });
    }
  });

  test('an empty list', () => {
    const model = new RowSelectionModel();
    model.setRows([]);
    model.show([], []);
    model.setAllSelected(true);
    model.setIndexSelected(0, true, true);
    expect(model.getSelectedCount()).toBe(0);
    expect(model.isAllSelected()).toBe(false);
    expect(model.getSelectedIndices()).toEqual([]);
  });
});

describe('RowSelectionModel: the choice is kept for rows that are not shown', () => {
  function setUp(): { rows: UserRow[]; model: RowSelectionModel; changes: () => number } {
    const rows = makeRows(10); // rows 3 is provisioned
    let changes = 0;
    const model = new RowSelectionModel(() => changes++);
    model.setRows(rows);
    model.show(rows, identity(10));
    return { rows, model, changes: () => changes };
  }

  test('selected rows that are filtered out stay selected; the shown count is of shown rows only', () => {
    const { rows, model } = setUp();
    model.setIndexSelected(1, true, true);
    model.setIndexSelected(5, true, true);
    const shown = [rows[5], rows[6], rows[7]] as UserRow[];
    model.show(shown, [5, 6, 7]);
    expect(model.getTotalSelectedCount()).toBe(2);
    expect(model.getSelectedCount()).toBe(1);
    expect(model.isIndexSelected(0)).toBe(true); // rows[5]
    expect(model.isIndexSelected(1)).toBe(false);
    expect(model.getSelection()).toEqual([rows[5]]);
    expect(model.getSelectedRows()).toEqual([rows[1], rows[5]]);
  });

  test('"select all" and "unselect all" change the shown rows only, and never a provisioned one', () => {
    const { rows, model } = setUp();
    model.setIndexSelected(0, true, true);
    const shown = [rows[2], rows[3], rows[4]] as UserRow[];
    model.show(shown, [2, 3, 4]);
    model.setAllSelected(true);
    expect(model.getSelectedRows()).toEqual([rows[0], rows[2], rows[4]]);
    expect(model.isAllSelected()).toBe(true);
    expect(model.canSelectItem(rows[3] as RowItem, 1)).toBe(false);
    model.toggleAllSelected();
    expect(model.getSelectedRows()).toEqual([rows[0]]);
    expect(model.isAllSelected()).toBe(false);
    // Only a provisioned row shown: nothing to select, so not "all selected" (the header checkbox stays clear).
    model.show([rows[3]] as UserRow[], [3]);
    expect(model.isAllSelected()).toBe(false);
  });

  test('rows that come back into view are not selected by an earlier "select all"', () => {
    const { rows, model } = setUp();
    model.show([rows[0]] as UserRow[], [0]);
    model.setAllSelected(true);
    model.show(rows, identity(10));
    expect(model.getSelectedIndices()).toEqual([0]);
    expect(model.isAllSelected()).toBe(false);
  });

  test('shown rows given without positions are found by identity; rows not in the list are refused', () => {
    const { rows, model } = setUp();
    model.setIndexSelected(8, true, true);
    model.setItems([rows[9], rows[8]] as RowItem[]);
    expect(model.isIndexSelected(1)).toBe(true);
    expect(model.getItemIndex('u8')).toBe(1);
    expect(() => model.setItems([row(user('stranger', 'Stranger'))] as RowItem[])).toThrow(/not one of the rows/);
  });

  test('new rows (a re-check): selected users still in the list and still selectable stay selected', () => {
    const { rows, model } = setUp();
    model.setIndexSelected(0, true, true);
    model.setIndexSelected(1, true, true);
    model.setIndexSelected(2, true, true);
    // u0 is gone, u1 is now provisioned, u2 moved to the end.
    const next = [rows[1] ? row(rows[1].user, { state: 'provisioned' }) : rows[1], ...rows.slice(3), rows[2]] as UserRow[];
    model.setRows(next);
    model.show(next, identity(next.length));
    expect(model.getSelectedRows().map(rowKey)).toEqual(['u2']);
    expect(model.getTotalSelectedCount()).toBe(1);
  });

  test('a new shown list raises nothing while rendering; announceShown tells the rows and the header once', () => {
    const { rows, model, changes } = setUp();
    const heard: number[] = [];
    const events = new EventGroup({});
    events.on(model, SELECTION_CHANGE, () => heard.push(1));
    model.show([rows[0]] as UserRow[], [0]);
    model.announceShown(); // nothing selected: nothing to say
    expect(heard).toHaveLength(0);
    model.toggleIndexSelected(0);
    expect(heard).toHaveLength(1);
    expect(changes()).toBe(1);
    model.show(rows, identity(10));
    expect(heard).toHaveLength(1);
    model.announceShown();
    expect(heard).toHaveLength(2);
    // One change for a batch of changes (as Fluent: setChangeEvents).
    model.setChangeEvents(false);
    model.toggleIndexSelected(1);
    model.toggleIndexSelected(2);
    model.setChangeEvents(true);
    expect(heard).toHaveLength(3);
    // New rows that drop the selection are announced even though nothing is selected afterwards.
    const next = rows.slice(5);
    model.setRows(next);
    model.show(next, identity(next.length));
    expect(heard).toHaveLength(3);
    model.announceShown();
    expect(heard).toHaveLength(4);
    expect(model.getTotalSelectedCount()).toBe(0);
    events.dispose();
  });

  test('clearAll unselects hidden rows too', () => {
    const { rows, model } = setUp();
    model.setIndexSelected(0, true, true);
    model.setIndexSelected(9, true, true);
    model.show([rows[0]] as UserRow[], [0]);
    model.clearAll();
    expect(model.getTotalSelectedCount()).toBe(0);
    expect(model.getSelectedRows()).toEqual([]);
  });
});
