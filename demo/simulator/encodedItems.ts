/**
 * Items of a page serialized once and kept (per item object and projection), so a page is written from their UTF-8
 * bytes instead of a JSON.stringify of fresh objects on every request. The bytes are exactly JSON.stringify's of the
 * projected item: the answer is the same, byte for byte (tests/simulator/encodedItems.test.ts). Items are the
 * fixture's own objects, never changed in place; a replaced object is a new key, so nothing stale is served.
 *
 * The bytes live in large shared slabs and a page is sent as the list of its parts (no page-sized copy): at 1,000,000
 * users, a new buffer per item or per page would grow the process's external memory by gigabytes and bring a full
 * garbage collection every few pages.
 */
const caches = new Map<string, WeakMap<object, Buffer>>();

const SLAB_BYTES = 16 * 1024 * 1024;
let slab: Buffer = Buffer.allocUnsafeSlow(0);
let used = 0;

/** `text` as UTF-8 in the current slab (a view of it; a new slab when it is full). */
function store(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  if (length > SLAB_BYTES / 4) {
    return Buffer.from(text, 'utf8');
  }
  if (used + length > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    used = 0;
  }
  slab.write(text, used, 'utf8');
  const view = slab.subarray(used, used + length);
  used += length;
  return view;
}

/** The UTF-8 JSON of `project(item)`, computed once per item object and `projection` (a name for what project keeps). */
export function encodedItem<T extends object>(item: T, projection: string, project: (item: T) => unknown): Buffer {
  let cache = caches.get(projection);
  if (!cache) {
    cache = new WeakMap<object, Buffer>();
    caches.set(projection, cache);
  }
  let bytes = cache.get(item);
  if (!bytes) {
    bytes = store(JSON.stringify(project(item)));
    cache.set(item, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(',');

/** `before` + `[` + the items, comma-separated + `]` + `after`: the parts of a body, in order. */
export function encodedParts(before: string, items: ReadonlyArray<Buffer>, after: string): Buffer[] {
  const parts: Buffer[] = [Buffer.from(before + '[', 'utf8')];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(items[i] as Buffer);
  }
  parts.push(Buffer.from(']' + after, 'utf8'));
  return parts;
}

/**
 * `{…head, [nextKey]: next, [arrayKey]: [items]}` as JSON.stringify writes it, as parts (keys in that order; `next`
 * left out when undefined).
 */
export function encodedObject(head: Record<string, unknown>, nextKey: string, next: string | undefined, arrayKey: string, items: readonly Buffer[]): Buffer[] {
  const members: string[] = [];
  const headJson = JSON.stringify(head);
  if (headJson.length > 2) members.push(headJson.slice(1, -1));
  if (next !== undefined) members.push(`${JSON.stringify(nextKey)}:${JSON.stringify(next)}`);
  members.push(`${JSON.stringify(arrayKey)}:`);
  return encodedParts('{' + members.join(','), items, '}');
}
