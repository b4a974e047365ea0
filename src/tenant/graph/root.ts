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

/** A queryable for one Graph resource path, inheriting the root's behaviours. */
export function graphQueryable<T>(graph: GraphFI, path: string): IGraphQueryable<T> {
  return GraphQueryable([graph.me, path]) as IGraphQueryable<T>;
}

/** The origin of an absolute URL ("" when it is not one). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** Whether a link (an @odata.nextLink) points to the origin of Graph's base URL: only then may the token go there. */
export function isSameOrigin(graphBaseUrl: string, link: string): boolean {
  const own = originOf(graphBaseUrl);
  return own !== '' && originOf(link) === own;
}

/** The error for a 200 whose body is not the expected shape (turned into a MalformedAnswer failure by attempt()). */
export function malformed(what: string): SyntaxError {
  return new SyntaxError(`Microsoft Graph answered the ${what} request with a body that is not the expected list.`);
}
