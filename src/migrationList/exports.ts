/**
 * The list handed back: every row as it came (same columns, same order) with the verdict, the reason (and its next
 * step) and the resolved sign-in name appended — through the users export's CSV rules (UTF-8 BOM, RFC 4180, every field
 * quoted, formula-injection cells prefixed with '). And the PowerShell request for exactly the not-provisioned rows.
 */
import * as strings from 'MigrationListStrings';
import { format } from '../common/format';
import { addressKey } from '../provisioning/addresses';
import { toCsv, type CsvColumn } from '../provisioning/csv';
import { provisioningScript, type ProvisioningScript } from '../provisioning/powershell';
import { columnName, fixText, reasonText } from './verdictText';
import type { MappingRow, ParsedList, RowResolution } from './types';

interface ExportRow {
  row: MappingRow;
  resolution: RowResolution;
}

/** The list as CSV with Verdict, Reason and Resolved UPN appended. */
export function mappingCsv(list: ParsedList, resolutions: ReadonlyArray<RowResolution>): string {
  const rows: ExportRow[] = new Array<ExportRow>(list.rows.length);
  for (let i = 0; i < list.rows.length; i++) {
    rows[i] = { row: list.rows[i] as MappingRow, resolution: resolutions[i] as RowResolution };
  }
  const columns: CsvColumn<ExportRow>[] = [];
  for (let c = 0; c < list.columnCount; c++) {
    const index = c;
    columns.push({ header: list.header ? list.header[c] || '' : columnName(undefined, c), value: (r) => r.row.cells[index] });
  }
  columns.push({ header: strings.CsvVerdict, value: (r) => (r.resolution ? r.resolution.verdict : undefined) });
  columns.push({ header: strings.CsvReason, value: (r) => (r.resolution ? format(strings.CsvReasonWithFix, reasonText(r.resolution), fixText(r.resolution)) : undefined) });
  columns.push({ header: strings.CsvResolvedUpn, value: (r) => (r.resolution ? r.resolution.resolvedUpn : undefined) });
  return toCsv(rows, columns);
}

/** The export's file name: the list's own name with "-checked" (always .csv). */
export function checkedFileName(fileName: string): string {
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\\/:*?"<>|]+/g, '_').trim() || 'migration-list';
  return base + '-checked.csv';
}

/** Positions of the rows whose verdict is not-provisioned (the ones a request can be made for). */
export function notProvisionedPositions(resolutions: ReadonlyArray<RowResolution>): number[] {
  const positions: number[] = [];
  for (let i = 0; i < resolutions.length; i++) {
    if ((resolutions[i] as RowResolution).verdict === 'not-provisioned') {
      positions.push(i);
    }
  }
  return positions;
}

/** The sign-in names of these rows (not-provisioned ones only), each once, in list order. */
export function requestAddresses(resolutions: ReadonlyArray<RowResolution>, positions: ReadonlyArray<number>): string[] {
  const seen = new Set<string>();
  const upns: string[] = [];
  for (const position of positions) {
    const resolution = resolutions[position];
    if (resolution && resolution.verdict === 'not-provisioned' && resolution.user) {
      const key = addressKey(resolution.user.upn);
      if (!seen.has(key)) {
        seen.add(key);
        upns.push(resolution.user.upn);
      }
    }
  }
  return upns;
}

/** Multi-Geo: the geo of each not-provisioned row's user, by lower-case UPN. */
export function geosOfRows(resolutions: ReadonlyArray<RowResolution>, positions: ReadonlyArray<number>): Map<string, string> {
  const geos = new Map<string, string>();
  for (const position of positions) {
    const user = resolutions[position] ? (resolutions[position] as RowResolution).user : undefined;
    if (user && user.geo !== undefined) {
      geos.set(addressKey(user.upn), user.geo);
    }
  }
  return geos;
}

/** The PowerShell request (Request-SPOPersonalSite, ≤ 199 a call) for exactly these not-provisioned rows. */
export function mappingScript(adminUrl: string, resolutions: ReadonlyArray<RowResolution>, positions: ReadonlyArray<number>, now: Date, defaultGeo?: string): ProvisioningScript {
  return provisioningScript({
    adminUrl,
    emails: requestAddresses(resolutions, positions),
    generatedAt: now,
    geos: geosOfRows(resolutions, positions),
    ...(defaultGeo !== undefined ? { defaultGeo } : {}),
  });
}
