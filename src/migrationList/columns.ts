/**
 * Which row is the header and which column holds the destination accounts. By header first — the names the migration
 * tools write (Mover, Migration Manager, ShareGate, MigrationWiz, SPMT): "Destination", "Target", "Destination User",
 * "TargetEmail", "Office 365 user"… — else by content: the column whose values are addresses that resolve in this
 * tenant (the scan's users), else the column with the most addresses (the later one on a tie: destinations follow
 * sources). The admin can always choose another.
 */
import { looksLikeAddress, toDestination } from './address';
import type { ColumnChoice, MappingRow } from './types';

/** Lower case, letters and digits only: "Destination User" → "destinationuser", "Target_Email" → "targetemail". */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Header names that mean "the destination account", exactly (normalized). */
const DESTINATION_HEADERS: ReadonlySet<string> = new Set<string>([
  'destination', 'target', 'to',
  'destinationuser', 'targetuser', 'destinationusers', 'targetusers',
  'destinationemail', 'targetemail', 'destinationmail', 'targetmail', 'destinationemailaddress', 'targetemailaddress',
  'destinationaccount', 'targetaccount', 'destinationupn', 'targetupn',
  'destinationuserprincipalname', 'targetuserprincipalname', 'destinationaddress', 'targetaddress',
  'destinationvalue', 'targetvalue', 'destinationlogin', 'targetlogin', 'destinationidentity', 'targetidentity',
  'destinationmailbox', 'targetmailbox', 'destinationowner', 'targetowner',
  'office365user', 'office365email', 'office365account', 'office365upn', 'office365address',
  'o365user', 'o365email', 'o365account', 'o365upn',
  'microsoft365user', 'microsoft365email', 'm365user', 'm365email',
  'onedriveuser', 'onedriveowner', 'newupn', 'newemail', 'newaddress',
]);

/** A header naming something else than an account, even when it says destination or target ("Destination Path"). */
const NOT_AN_ACCOUNT: RegExp = /path|url|site|folder|library|drive(?!user|owner)|list|tenant|domain|type|status|date|size|group|displayname|name$/;

/** Words a header row has; a data row of addresses has none of them. */
const HEADER_WORDS: RegExp = /user|mail|upn|principal|source|destination|target|account|address|login|identity|owner|name|office365|o365|m365/;

function isDestinationHeader(normalized: string): boolean {
  return DESTINATION_HEADERS.has(normalized);
}

function mentionsDestination(normalized: string): boolean {
  return /destination|target/.test(normalized) && !NOT_AN_ACCOUNT.test(normalized);
}

/**
 * Whether the first row is a header: it holds no address, and it names columns (a header word) — or, with several
 * columns, the next row holds an address where it has text.
 */
export function isHeaderRow(first: MappingRow, second: MappingRow | undefined): boolean {
  const cells = first.cells;
  for (let i = 0; i < cells.length; i++) {
    if (looksLikeAddress(cells[i] as string)) {
      return false;
    }
  }
  for (let i = 0; i < cells.length; i++) {
    const normalized = normalizeHeader(cells[i] as string);
    if (normalized.length > 0 && (isDestinationHeader(normalized) || HEADER_WORDS.test(normalized))) {
      return true;
    }
  }
  if (cells.length > 1 && second !== undefined) {
    for (let i = 0; i < second.cells.length; i++) {
      if (looksLikeAddress(second.cells[i] as string) && ((cells[i] as string | undefined) || '').trim().length > 0) {
        return true;
      }
    }
  }
  return false;
}

/** The destination column by header, when a header names it. */
export function columnByHeader(header: ReadonlyArray<string>): number | undefined {
  const normalized = header.map(normalizeHeader);
  for (let i = 0; i < normalized.length; i++) {
    if (isDestinationHeader(normalized[i] as string)) {
      return i;
    }
  }
  for (let i = 0; i < normalized.length; i++) {
    if (mentionsDestination(normalized[i] as string)) {
      return i;
    }
  }
  return undefined;
}

/** Rows looked at to judge a column's content. */
const CONTENT_SAMPLE: number = 2000;

export interface ColumnScore {
  index: number;
  addresses: number;
  resolving: number;
}

/** Per column: how many of the sampled values are addresses, and how many of those the tenant knows. */
export function scoreColumns(rows: ReadonlyArray<MappingRow>, columnCount: number, resolves?: (key: string) => boolean): ColumnScore[] {
  const scores: ColumnScore[] = [];
  for (let c = 0; c < columnCount; c++) {
    scores.push({ index: c, addresses: 0, resolving: 0 });
  }
  const step = rows.length <= CONTENT_SAMPLE ? 1 : rows.length / CONTENT_SAMPLE;
  for (let s = 0; s * step < rows.length && s < CONTENT_SAMPLE; s++) {
    const row = rows[Math.floor(s * step)] as MappingRow;
    for (let c = 0; c < columnCount; c++) {
      const destination = toDestination(row.cells[c]);
      if (destination.ok) {
        const score = scores[c] as ColumnScore;
        score.addresses++;
        if (resolves !== undefined && resolves(destination.key)) {
          score.resolving++;
        }
      }
    }
  }
  return scores;
}

/** The destination column: by header, else by content (see the module comment). */
export function chooseColumn(header: ReadonlyArray<string> | undefined, rows: ReadonlyArray<MappingRow>, columnCount: number, resolves?: (key: string) => boolean): ColumnChoice {
  if (columnCount <= 1) {
    return { index: 0, source: 'only' };
  }
  if (header !== undefined) {
    const named = columnByHeader(header);
    if (named !== undefined) {
      return { index: named, source: 'header' };
    }
  }
  return { index: columnByContent(rows, columnCount, resolves), source: 'content' };
}

export function columnByContent(rows: ReadonlyArray<MappingRow>, columnCount: number, resolves?: (key: string) => boolean): number {
  const scores = scoreColumns(rows, columnCount, resolves);
  let best = scores[0] as ColumnScore;
  for (let i = 1; i < scores.length; i++) {
    const score = scores[i] as ColumnScore;
    if (score.resolving > best.resolving || (score.resolving === best.resolving && score.addresses >= best.addresses && score.addresses > 0)) {
      best = score;
    }
  }
  return best.index;
}
