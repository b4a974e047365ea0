/**
 * CSV export (RFC 4180) that opens safely in Excel: UTF-8 BOM, CRLF line ends, every field quoted, inner quotes
 * doubled, and no cell may start a formula (OWASP CSV injection: a leading =, +, -, @, tab, CR or LF gets a ' prefix).
 * Exports meant for scripts (PowerShell) keep the raw addresses instead: see powershell.ts.
 */
import * as strings from 'ProvisioningStrings';
import type { RequestTracker, UserProvisioningStatus } from './pending';
import type { LicenseFamily } from './licensing';
import type { UnprovisionedUser } from './scan';

export const UTF8_BOM: string = '\uFEFF';
export const CSV_MIME_TYPE: string = 'text/csv;charset=utf-8';

export type CsvValue = string | number | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

/** Characters that make a spreadsheet read a cell as a formula when they come first (fullwidth forms too). */
function startsFormula(text: string): boolean {
  if (text.length === 0) {
    return false;
  }
  switch (text.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0x0a: // LF
    case 0xff1d: // fullwidth =
    case 0xff0b: // fullwidth +
    case 0xff0d: // fullwidth -
    case 0xff20: // fullwidth @
      return true;
    default:
      return false;
  }
}

/** One field: neutralized against formulas, quoted, inner quotes doubled. */
export function csvField(value: CsvValue): string {
  let text = value === undefined ? '' : String(value);
  if (startsFormula(text)) {
    text = "'" + text;
  }
  return '"' + text.replace(/"/g, '""') + '"';
}

/** The whole file: BOM, header line, one line per row, CRLF after every line. */
export function toCsv<T>(rows: ReadonlyArray<T>, columns: ReadonlyArray<CsvColumn<T>>): string {
  const lines: string[] = [];
  const header: string[] = [];
  for (let c = 0; c < columns.length; c++) {
    header.push(csvField((columns[c] as CsvColumn<T>).header));
  }
  lines.push(header.join(','));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as T;
    const fields: string[] = [];
    for (let c = 0; c < columns.length; c++) {
      fields.push(csvField((columns[c] as CsvColumn<T>).value(row)));
    }
    lines.push(fields.join(','));
  }
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

export function licenseLabel(license: LicenseFamily): string {
  return license === 'sharepoint' ? strings.LicenseSharePoint : strings.LicenseOneDrive;
}

export function stateLabel(status: UserProvisioningStatus): string {
  if (status.state === 'provisioned') {
    return strings.StateProvisioned;
  }
  if (status.state === 'requested') {
    return status.overdue ? strings.StateRequestedOverdue : strings.StateRequested;
  }
  return strings.StateNotProvisioned;
}

/**
 * The unprovisioned users as CSV: Display name, User principal name, Email, Department, License, State, Requested at.
 * Without a tracker every user is "not provisioned".
 */
export function unprovisionedCsv(users: ReadonlyArray<UnprovisionedUser>, tracker?: RequestTracker): string {
  const notProvisioned: UserProvisioningStatus = { state: 'not-provisioned' };
  const rows: Array<{ user: UnprovisionedUser; status: UserProvisioningStatus }> = [];
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as UnprovisionedUser;
    rows.push({ user, status: tracker ? tracker.statusOf(user) : notProvisioned });
  }
  type Row = { user: UnprovisionedUser; status: UserProvisioningStatus };
  const columns: CsvColumn<Row>[] = [
    { header: strings.CsvDisplayName, value: (r) => r.user.displayName },
    { header: strings.CsvUserPrincipalName, value: (r) => r.user.upn },
    { header: strings.CsvEmail, value: (r) => r.user.mail },
    { header: strings.CsvDepartment, value: (r) => r.user.department },
    { header: strings.CsvLicense, value: (r) => licenseLabel(r.user.license) },
    { header: strings.CsvState, value: (r) => stateLabel(r.status) },
    { header: strings.CsvRequestedAt, value: (r) => r.status.requestedAt },
  ];
  return toCsv(rows, columns);
}
