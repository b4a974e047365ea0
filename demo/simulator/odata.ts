/** Small OData helpers shared by the Graph and SharePoint routers: $select, $top, literals and simple $filter clauses. */

export type FilterClause =
  | { op: 'eq' | 'ne'; property: string; value: string | boolean | null | number }
  | { op: 'startswith'; property: string; value: string }
  | { op: 'count'; property: string; cmp: 'eq' | 'ne' | 'gt'; value: number };

export class ODataError extends Error {
  constructor(
    message: string,
    readonly code = 'Request_UnsupportedQuery',
  ) {
    super(message);
  }
}

/** `$select=a,b` (also `select=`) → ['a','b']; undefined when absent. */
export function parseSelect(query: URLSearchParams): string[] | undefined {
  const raw = query.get('$select') ?? query.get('select');
  if (raw === null) return undefined;
  const props = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return props.length > 0 ? props : undefined;
}

/** Splits on ` and ` outside string literals. */
export function splitAnd(filter: string): string[] {
  const parts: string[] = [];
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (c === "'") {
      inQuote = !inQuote;
      continue;
    }
    if (inQuote) continue;
    const rest = filter.slice(i);
    const m = /^\s+and\s+/i.exec(rest);
    if (m && i > start) {
      parts.push(filter.slice(start, i).trim());
      i += m[0].length - 1;
      start = i + 1;
    } else if (/^\s+or\s+/i.test(rest)) {
      throw new ODataError("The 'or' operator is not supported by the demo tenant simulator in this $filter.");
    }
  }
  parts.push(filter.slice(start).trim());
  return parts.filter((p) => p !== '');
}

const STRING_LITERAL = "'((?:[^']|'')*)'";

export function unquote(body: string): string {
  return body.replace(/''/g, "'");
}

/** Parses `prop eq 'x'`, `prop eq true`, `startswith(prop,'x')`, `prop/$count ne 0` joined by `and`. */
export function parseFilter(filter: string): FilterClause[] {
  return splitAnd(filter).map((clause) => {
    let m = new RegExp(`^startswith\\(\\s*([\\w/]+)\\s*,\\s*${STRING_LITERAL}\\s*\\)$`, 'i').exec(clause);
    if (m) return { op: 'startswith', property: m[1] ?? '', value: unquote(m[2] ?? '') };
    m = /^([\w]+)\/\$count\s+(eq|ne|gt)\s+(\d+)$/i.exec(clause);
    if (m) return { op: 'count', property: m[1] ?? '', cmp: (m[2] ?? 'eq').toLowerCase() as 'eq' | 'ne' | 'gt', value: Number(m[3]) };
    m = new RegExp(`^([\\w/]+)\\s+(eq|ne)\\s+${STRING_LITERAL}$`, 'i').exec(clause);
    if (m) return { op: (m[2] ?? 'eq').toLowerCase() as 'eq' | 'ne', property: m[1] ?? '', value: unquote(m[3] ?? '') };
    m = /^([\w/]+)\s+(eq|ne)\s+(true|false|null|-?\d+)$/i.exec(clause);
    if (m) {
      const lit = (m[3] ?? '').toLowerCase();
      const value = lit === 'true' ? true : lit === 'false' ? false : lit === 'null' ? null : Number(lit);
      return { op: (m[2] ?? 'eq').toLowerCase() as 'eq' | 'ne', property: m[1] ?? '', value };
    }
    throw new ODataError(`Unsupported or invalid query filter clause specified: '${clause}'.`);
  });
}

function propertyOf(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

function equalsLoose(a: unknown, b: string | boolean | null | number): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (b === null) return a === null || a === undefined;
  return a === b;
}

/** Generic evaluation of parsed clauses against a plain resource (case-insensitive string comparison). */
export function matchesFilter(obj: Record<string, unknown>, clauses: readonly FilterClause[]): boolean {
  for (const c of clauses) {
    const v = propertyOf(obj, c.property);
    switch (c.op) {
      case 'eq':
        if (!equalsLoose(v, c.value)) return false;
        break;
      case 'ne':
        if (equalsLoose(v, c.value)) return false;
        break;
      case 'startswith':
        if (typeof v !== 'string' || !v.toLowerCase().startsWith(c.value.toLowerCase())) return false;
        break;
      case 'count': {
        const n = Array.isArray(v) ? v.length : 0;
        if (c.cmp === 'eq' ? n !== c.value : c.cmp === 'ne' ? n === c.value : n <= c.value) return false;
        break;
      }
    }
  }
  return true;
}

/** Returns only the selected properties (+ id when the resource has one); missing ones as null. */
export function project(obj: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
  if (!select) return obj;
  const out: Record<string, unknown> = {};
  if ('id' in obj) out.id = obj.id;
  for (const s of select) {
    if (s in obj) {
      out[s] = obj[s];
      continue;
    }
    const lower = s.toLowerCase();
    const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
    if (key !== undefined) out[key] = obj[key];
    else out[s] = null;
  }
  return out;
}

/** Opaque continuation token: base64url of { o: offset, k: query key, d: 1 for a duplicate page (paging faults) }. */
export function encodeSkipToken(offset: number, key: string, duplicate = false, nonce?: number): string {
  const cursor: Record<string, unknown> = duplicate ? { o: offset, k: key, d: 1 } : { o: offset, k: key };
  // A nonce makes a new token for the same place (paging fault `stall`: a continuation that changes but never advances).
  if (nonce !== undefined) cursor.n = nonce;
  return 'SIM' + Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Where a continuation token continues: its offset, and whether it reads a page's duplicate (paging faults). */
export function decodeSkipTokenCursor(token: string, key: string): { offset: number; duplicate: boolean } {
  if (!token.startsWith('SIM')) throw new ODataError('Invalid skip token.', 'Request_BadRequest');
  try {
    const parsed = JSON.parse(Buffer.from(token.slice(3), 'base64url').toString('utf8')) as { o?: unknown; k?: unknown; d?: unknown };
    if (typeof parsed.o !== 'number' || parsed.o < 0 || parsed.k !== key) throw new Error('mismatch');
    return { offset: parsed.o, duplicate: parsed.d === 1 };
  } catch {
    throw new ODataError('Invalid skip token: it does not belong to this query.', 'Request_BadRequest');
  }
}

export function decodeSkipToken(token: string, key: string): number {
  return decodeSkipTokenCursor(token, key).offset;
}
