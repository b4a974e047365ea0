/**
 * Provisioning calls take at most 200 addresses (CreatePersonalSiteEnqueueBulk, Request-SPOPersonalSite);
 * Microsoft's own sample sends 199, and so do we.
 */
export const MAX_ADDRESSES_PER_CALL: number = 199;

/** Splits items into consecutive chunks of at most `size` items (the last one may be shorter). */
export function chunk<T>(items: ReadonlyArray<T>, size: number): T[][] {
  if (!(size >= 1) || Math.floor(size) !== size) {
    throw new RangeError('chunk size must be a positive integer, got ' + String(size));
  }
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
