/**
 * Proposed product changes, applied only inside bench bundles (bench/support/preview.ts) to measure them. They are
 * suggestions for the owners of src/, not changes to it: each one is an exact-snippet replacement that fails loudly when
 * the product code has moved on.
 */
export interface Proposal {
  name: string;
  description: string;
  /** Path from the repository root. */
  file: string;
  replacements: Array<[from: string, to: string]>;
}

export const PROPOSALS: Record<string, Proposal> = {
  /**
   * Fluent's Selection.setItems is O(rows) with plain-object dictionaries (key → index, unselectable indices), and runs
   * twice per keystroke: DetailsList calls it while rendering (items changed), then useRowSelection's layout effect calls
   * it again with the very same array — the second call is the dearer one (it also walks Object.keys of the old map).
   * When the Selection already holds `shown`, clearing is enough before the Set is applied again.
   */
  'selection-once': {
    name: 'selection-once',
    description: 'useRowSelection: do not call Selection.setItems again when DetailsList has just set the same rows; clear with setAllSelected(false)',
    file: 'src/ui/users/useRowSelection.ts',
    replacements: [
      [
        '    selection.setChangeEvents(false);\n    selection.setItems(shown as RowItem[], true);\n',
        '    selection.setChangeEvents(false);\n' +
          '    if (selection.getItems() !== (shown as RowItem[])) {\n' +
          '      selection.setItems(shown as RowItem[], true);\n' +
          '    } else {\n' +
          '      // DetailsList gave the Selection these rows while rendering: only clear what it carried over.\n' +
          '      selection.setAllSelected(false);\n' +
          '    }\n',
      ],
    ],
  },
  /**
   * EXPERIMENT (measured, see bench/README.md): the Selection's keys become the row's position in `rows` ("0".."99999")
   * instead of the user id (a GUID), so Fluent's key → index object holds array-index keys (V8 elements) rather than
   * 100,000 named properties. The selected Set still holds user ids.
   */
  'positional-keys': {
    name: 'positional-keys',
    description: "useRowSelection: the Fluent Selection's key is the row's position in rows, not the user id",
    file: 'src/ui/users/useRowSelection.ts',
    replacements: [
      [
        '  const [selection] = React.useState<Selection>(() => {\n    const created: Selection = new Selection({\n      selectionMode: SelectionMode.multiple,\n      getKey: (item: IObjectWithKey) => rowKey(asRow(item)),\n',
        '  const positions = React.useMemo(() => {\n' +
          '    const map = new Map<UserRow, number>();\n' +
          '    for (let i = 0; i < rows.length; i++) {\n' +
          '      map.set(rows[i] as UserRow, i);\n' +
          '    }\n' +
          '    return map;\n' +
          '  }, [rows]);\n' +
          '  const positionsRef = React.useRef(positions);\n' +
          '  positionsRef.current = positions;\n' +
          '  const [selection] = React.useState<Selection>(() => {\n    const created: Selection = new Selection({\n      selectionMode: SelectionMode.multiple,\n' +
          '      getKey: (item: IObjectWithKey) => {\n' +
          '        const position = positionsRef.current.get(asRow(item));\n' +
          '        return position === undefined ? rowKey(asRow(item)) : String(position);\n' +
          '      },\n',
      ],
    ],
  },
};

export function proposalsNamed(names: readonly string[]): Proposal[] {
  return names.map((n) => {
    const p = PROPOSALS[n];
    if (!p) throw new Error(`unknown proposal '${n}' (known: ${Object.keys(PROPOSALS).join(', ')})`);
    return p;
  });
}
