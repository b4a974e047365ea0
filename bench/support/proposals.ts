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

/**
 * Add an entry to measure a change before it lands: `--proposal <name>` on filter-latency.ts / filter-profile.ts.
 *
 * Landed: 'selection-once' and 'positional-keys' (src/ui/users/useRowSelection.ts, commit 88cab2f: one
 * Selection.setItems per keystroke, Selection keyed by row position) — measured here first, see bench/README.md.
 */
export const PROPOSALS: Record<string, Proposal> = {};

export function proposalsNamed(names: readonly string[]): Proposal[] {
  return names.map((n) => {
    const p = PROPOSALS[n];
    if (!p) throw new Error(`unknown proposal '${n}' (known: ${Object.keys(PROPOSALS).join(', ') || 'none at the moment'})`);
    return p;
  });
}
