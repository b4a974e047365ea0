/**
 * Paging faults (`simulation.pagingFaults`, README "Paging faults"): answers of a paged read bent the way real
 * services and the proxies in front of them sometimes bend them — a next link that points back (a cycle), a next link
 * to another host, the same page served twice under two links, the same page served forever under ever-new links (a
 * continuation that changes but never advances), items without the property that identifies them, a body cut short,
 * an error body with HTTP 200. They exist to prove that a client never loops, never sends its token to
 * another host, never counts an item twice and never reports a partial count as whole.
 *
 * The engine only says which fault applies to which page; the Graph pages (graphPage, below) and the CSOM enumeration
 * (csom.ts) apply them.
 */
import { graphError, jsonResponse, RawJson, textResponse, type SimResponse } from './http';
import { encodedObject } from './encodedItems';
import type { PagedCollection, PagingFault, PagingFaultKind } from './types';

/** Where a `foreign-host` next link points. `.invalid` never resolves (RFC 2606). */
export const FOREIGN_ORIGIN = 'https://foreign.invalid';

interface Entry {
  fault: PagingFault;
  applied: number;
}

export class PagingFaultEngine {
  private entries: Entry[] = [];

  constructor(faults: readonly PagingFault[] = []) {
    this.set(faults);
  }

  /** Replaces the faults (and their counters). */
  set(faults: readonly PagingFault[]): void {
    this.entries = faults.map((fault) => ({ fault, applied: 0 }));
  }

  get active(): PagingFault[] {
    return this.entries.map((e) => e.fault);
  }

  /** The fault of `kind` on page `page` of `collection`, counted as applied; undefined when none (or used up). */
  take(collection: PagedCollection, kind: PagingFaultKind, page: number): PagingFault | undefined {
    for (const e of this.entries) {
      const f = e.fault;
      if (f.collection !== collection || f.kind !== kind || f.page !== page) continue;
      if (f.times !== undefined && e.applied >= f.times) continue;
      e.applied += 1;
      return f;
    }
    return undefined;
  }
}

/** Half of a JSON text: what a connection cut short (or a proxy truncating) delivers. */
export function truncatedJson(body: unknown): string {
  const text = JSON.stringify(body);
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

/** The same path and query on the foreign origin. */
export function foreignLink(link: string): string {
  const url = new URL(link);
  return `${FOREIGN_ORIGIN}${url.pathname}${url.search}`;
}

/** One page of a Graph collection, before faults. */
export interface GraphPageSpec {
  /** Which pagingFaults apply (none when undefined). */
  collection?: PagedCollection;
  /** Where the page starts, and whether this is the duplicate served for a `duplicate-page` fault. */
  offset: number;
  duplicate: boolean;
  /** Items per page (the page number is offset / pageSize + 1). */
  pageSize: number;
  /** Items in the whole (filtered) collection. */
  total: number;
  /** This page's items, projected (may be a getter: read only when a fault bends the items or nothing is encoded). */
  items: Record<string, unknown>[];
  /** The same items, each already serialized (encodedItems.ts): the page is then written from their bytes. */
  encoded?: () => Buffer[];
  /** `@odata.context` and anything else that goes before `value` (e.g. `@odata.count`). */
  head: Record<string, unknown>;
  /** The link that reads the page starting at `offset` (0 without a skiptoken), or its duplicate (a nonce: a new link). */
  linkTo(offset: number, duplicate?: boolean, nonce?: number): string;
}

/** Makes every `stall` link new, so no client can catch it by remembering links. */
let stallNonce = 0;

/** A Graph collection page with `@odata.nextLink`, bent by the paging faults that apply to it. */
export function graphPage(paging: PagingFaultEngine | undefined, spec: GraphPageSpec): SimResponse {
  const page = Math.floor(spec.offset / spec.pageSize) + 1;
  const take = (kind: PagingFaultKind, n: number = page): boolean =>
    spec.collection !== undefined && paging !== undefined && paging.take(spec.collection, kind, n) !== undefined;

  if (take('error-body-200')) {
    return graphError(200, 'UnknownError', `An error occurred while reading page ${page}. (simulated paging fault error-body-200)`);
  }
  let items: Record<string, unknown>[] | undefined;
  if (take('missing-upn')) {
    items = spec.items.map((item) => {
      const copy = { ...item };
      delete copy.userPrincipalName;
      return copy;
    });
  }
  const end = spec.offset + spec.pageSize;
  let next: string | undefined = end < spec.total ? spec.linkTo(end) : undefined;
  if (next !== undefined && !spec.duplicate && take('duplicate-page')) next = spec.linkTo(spec.offset, true);
  // `cycle` on page N bends page N+1: its next link reads page N again.
  if (page >= 2 && take('cycle', page - 1)) next = spec.linkTo((page - 2) * spec.pageSize);
  if (next !== undefined && take('foreign-host')) next = foreignLink(next);
  // `stall`: page N links to itself again and again, under a new link each time (its duplicates stall as well).
  if (next !== undefined && take('stall')) next = spec.linkTo(spec.offset, true, ++stallNonce);

  const body: Record<string, unknown> = { ...spec.head };
  if (next !== undefined) body['@odata.nextLink'] = next;
  if (take('invalid-json')) {
    body.value = items ?? spec.items;
    return textResponse(200, truncatedJson(body), 'application/json');
  }
  if (items === undefined && spec.encoded) {
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: new RawJson(encodedObject(spec.head, '@odata.nextLink', next, 'value', spec.encoded())) };
  }
  body.value = items ?? spec.items;
  return jsonResponse(200, body);
}
