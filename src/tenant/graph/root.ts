import type { GraphFI } from '@pnp/graph';
import { GraphCollection, GraphQueryable, type IGraphCollection, type IGraphQueryable } from '@pnp/graph';
import '@pnp/graph/users';

/**
 * A queryable for any Graph path, inheriting the root's behaviours (base URL, token, retry).
 * `path` is relative to the Graph base URL ("subscribedSkus") or an absolute nextLink.
 */
export function graphCollection<T>(graph: GraphFI, path: string): IGraphCollection<T[]> {
  return GraphCollection([graph.me, path]) as IGraphCollection<T[]>;
}

export function graphQueryable<T>(graph: GraphFI, path: string): IGraphQueryable<T> {
  return GraphQueryable([graph.me, path]) as IGraphQueryable<T>;
}
