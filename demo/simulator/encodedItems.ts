/**
 * Items of a page serialized once and kept (per item object and projection), so a page is the concatenation of their
 * UTF-8 bytes instead of a JSON.stringify of fresh objects on every request. The bytes are exactly JSON.stringify's of
 * the projected item: the answer is the same, byte for byte (tests/simulator/encodedItems.test.ts). Items are the
 * fixture's own objects, never changed in place; a replaced object is a new key, so nothing stale is served.
 */
const caches = new Map<string, WeakMap<object, Buffer>>();

/** The UTF-8 JSON of `project(item)`, computed once per item object and `projection` (a name for what project keeps). */
export function encodedItem<T extends object>(item: T, projection: string, project: (item: T) => unknown): Buffer {
  let cache = caches.get(projection);
  if (!cache) {
    cache = new WeakMap<object, Buffer>();
    caches.set(projection, cache);
  }
  let bytes = cache.get(item);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(project(item)), 'utf8');
    cache.set(item, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(',');

/**
 * `{…head, [nextKey]: next, [arrayKey]: [items]}` as JSON.stringify writes it, from the head object and the items'
 * bytes (keys in that order; `next` left out when undefined).
 */
export function encodedObject(head: Record<string, unknown>, nextKey: string, next: string | undefined, arrayKey: string, items: readonly Buffer[]): Buffer {
  const members: string[] = [];
  const headJson = JSON.stringify(head);
  if (headJson.length > 2) members.push(headJson.slice(1, -1));
  if (next !== undefined) members.push(`${JSON.stringify(nextKey)}:${JSON.stringify(next)}`);
  members.push(`${JSON.stringify(arrayKey)}:[`);
  const parts: Buffer[] = [Buffer.from('{' + members.join(','), 'utf8')];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(items[i] as Buffer);
  }
  parts.push(Buffer.from(']}', 'utf8'));
  return Buffer.concat(parts);
}
