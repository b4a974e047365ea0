/**
 * The PowerShell fallback (the seeds' advice): a .ps1 that connects to the SharePoint admin center and requests the
 * personal sites with Request-SPOPersonalSite, at most 199 addresses a call.
 *
 * Quoting: every value goes inside single quotes, where PowerShell expands nothing ($, backtick, subexpressions are
 * literal text); only single-quote characters end such a string, and PowerShell counts the typographic ones too
 * (‘ ’ ‚ ‛ as well as '), so each of them is doubled. Addresses are otherwise kept raw (no CSV escaping) and Unicode
 * stays as is; the text starts with a BOM so that Windows PowerShell 5.1 reads it as UTF-8.
 */
import * as strings from 'ProvisioningStrings';
import { format } from '../common/format';
import { hasControlCharacter, uniqueAddresses } from './addresses';
import { MAX_ADDRESSES_PER_CALL, chunk } from './chunk';
import { UTF8_BOM } from './csv';

export const POWERSHELL_MIME_TYPE: string = 'text/plain;charset=utf-8';

const EOL: string = '\r\n';

function isPowerShellSingleQuote(code: number): boolean {
  return code === 0x27 || code === 0x2018 || code === 0x2019 || code === 0x201a || code === 0x201b;
}

/** A PowerShell single-quoted string literal for `value`: every single-quote character (', ‘, ’, ‚, ‛) doubled. */
export function psSingleQuote(value: string): string {
  let quoted = "'";
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    quoted += isPowerShellSingleQuote(value.charCodeAt(i)) ? ch + ch : ch;
  }
  return quoted + "'";
}


/** A comment block: one `# ` line per line of text (a line break in the text can never leave the comment). */
function comment(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(('# ' + (lines[i] as string)).replace(/\s+$/, ''));
  }
  return out;
}

const ADMIN_URL: RegExp = /^https:\/\/[a-z0-9-]+-admin\.sharepoint(-mil)?\.[a-z]{2,}(\.[a-z]{2,})?\/?$/i;
const TENANT_HOST: RegExp = /^https:\/\/([a-z0-9-]+?)(-admin|-my)?\.(sharepoint(-mil)?\.[a-z]{2,}(\.[a-z]{2,})?)(\/|$)/i;

/** True for a SharePoint admin center URL such as https://contoso-admin.sharepoint.com. */
export function isSharePointAdminUrl(url: string): boolean {
  return ADMIN_URL.test(url.trim());
}

/** The admin center URL of the tenant of any SharePoint URL (https://contoso.sharepoint.com/sites/x → https://contoso-admin.sharepoint.com). */
export function adminUrlFromSiteUrl(siteUrl: string): string | undefined {
  const match = TENANT_HOST.exec(siteUrl.trim());
  if (!match) {
    return undefined;
  }
  return 'https://' + (match[1] as string).toLowerCase() + '-admin.' + (match[3] as string).toLowerCase();
}

export interface ProvisioningScriptOptions {
  /** The SharePoint admin center, e.g. https://contoso-admin.sharepoint.com. */
  adminUrl: string;
  emails: ReadonlyArray<string>;
  /** When the script was made, for its header (omitted when not given). */
  generatedAt?: Date;
  /**
   * Multi-Geo: each address's geo (preferredDataLocation), keyed by lower-case address. Request-SPOPersonalSite is not
   * Multi-Geo aware — a user must be requested from the admin center of the geo that will hold their data — so the
   * script connects to each geo's admin center in turn.
   */
  geos?: ReadonlyMap<string, string>;
  /** The geo `adminUrl` serves (its users need no other admin center), when known. */
  defaultGeo?: string;
}

/**
 * A satellite geo's admin center: the tenant name with the geo code, e.g. https://contoso-admin.sharepoint.com and EUR →
 * https://contosoeur-admin.sharepoint.com (Microsoft's Multi-Geo docs: "ContosoEUR-admin"; docs/evidence.md §6).
 */
export function geoAdminUrl(adminUrl: string, geo: string): string {
  return adminUrl.replace(/^(https:\/\/[a-z0-9-]+?)(-admin\.)/i, (_whole: string, head: string, tail: string) => head + geo.toLowerCase() + tail);
}

interface ScriptGroup {
  adminUrl: string;
  geo?: string;
  addresses: string[];
}

/** The addresses grouped by the admin center that must request them (one group without Multi-Geo). */
function groupsByGeo(adminUrl: string, addresses: ReadonlyArray<string>, geos: ReadonlyMap<string, string> | undefined, defaultGeo: string | undefined): ScriptGroup[] {
  const byUrl = new Map<string, ScriptGroup>();
  const order: string[] = [];
  for (let i = 0; i < addresses.length; i++) {
    const address = addresses[i] as string;
    const geo = geos ? geos.get(address.toLowerCase()) : undefined;
    const satellite = geo !== undefined && geo !== defaultGeo;
    const url = satellite ? geoAdminUrl(adminUrl, geo as string) : adminUrl;
    let group = byUrl.get(url);
    if (!group) {
      group = { adminUrl: url, addresses: [], ...(satellite ? { geo } : {}) };
      byUrl.set(url, group);
      order.push(url);
    }
    group.addresses.push(address);
  }
  if (order.length === 0) {
    return [{ adminUrl, addresses: [] }];
  }
  return order.map((url) => byUrl.get(url) as ScriptGroup);
}

export interface ProvisioningScript {
  /** The .ps1 content, starting with a UTF-8 BOM; save it as UTF-8. */
  text: string;
  fileName: string;
  /** Addresses in the script (trimmed, duplicates dropped). */
  included: string[];
  /** Addresses left out because they contain line breaks or other control characters. */
  skipped: string[];
  /** Request-SPOPersonalSite calls in the script. */
  calls: number;
}

function twoDigits(n: number): string {
  return n < 10 ? '0' + String(n) : String(n);
}

/** A script that requests personal sites for the addresses (see the module comment). */
export function provisioningScript(opts: ProvisioningScriptOptions): ProvisioningScript {
  const included: string[] = [];
  const skipped: string[] = [];
  const unique = uniqueAddresses(opts.emails);
  for (let i = 0; i < unique.length; i++) {
    const address = unique[i] as string;
    if (hasControlCharacter(address)) {
      skipped.push(address);
    } else {
      included.push(address);
    }
  }
  const adminUrl = opts.adminUrl.trim().replace(/\/+$/, '');
  const groups = groupsByGeo(adminUrl, included, opts.geos, opts.defaultGeo);
  let batchTotal = 0;
  for (let g = 0; g < groups.length; g++) {
    batchTotal += Math.ceil((groups[g] as ScriptGroup).addresses.length / MAX_ADDRESSES_PER_CALL);
  }

  const lines: string[] = [];
  const add = (more: string[]): void => {
    for (let i = 0; i < more.length; i++) {
      lines.push(more[i] as string);
    }
  };
  add(comment(format(strings.ScriptHeaderWhat, included.length, batchTotal)));
  if (opts.generatedAt !== undefined) {
    add(comment(format(strings.ScriptHeaderGenerated, opts.generatedAt.toISOString())));
  }
  add(comment(strings.ScriptHeaderQueued));
  add(comment(strings.ScriptHeaderWho));
  add(comment(strings.ScriptHeaderModule));
  if (skipped.length > 0) {
    add(comment(format(strings.ScriptHeaderSkipped, skipped.length)));
  }
  if (groups.length > 1) {
    add(comment(format(strings.ScriptHeaderGeos, groups.length)));
    if (opts.defaultGeo === undefined) {
      add(comment(format(strings.ScriptHeaderGeoUnknownDefault, adminUrl)));
    }
  }
  lines.push('');
  lines.push("$ErrorActionPreference = 'Stop'");
  lines.push('$failedBatches = 0');

  const addBatch = (batch: string[], b: number): void => {
    const label = format(strings.ScriptBatchLabel, b + 1, batchTotal, batch.length);
    lines.push('');
    add(comment(label));
    lines.push('Write-Host ' + psSingleQuote(label));
    lines.push('try {');
    lines.push('    Request-SPOPersonalSite -NoWait -UserEmails @(');
    for (let k = 0; k < batch.length; k++) {
      lines.push('        ' + psSingleQuote(batch[k] as string) + (k < batch.length - 1 ? ',' : ''));
    }
    lines.push('    )');
    lines.push('} catch {');
    lines.push('    $failedBatches++');
    lines.push('    Write-Warning (' + psSingleQuote(format(strings.ScriptBatchFailed, b + 1)) + ' + $_.Exception.Message)');
    lines.push('}');
  };

  let b = 0;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as ScriptGroup;
    lines.push('');
    if (groups.length > 1) {
      add(comment(group.geo !== undefined ? format(strings.ScriptGeoGroup, group.geo, group.addresses.length) : format(strings.ScriptDefaultGeoGroup, group.addresses.length)));
    }
    lines.push('Connect-SPOService -Url ' + psSingleQuote(group.adminUrl));
    const batches = chunk(group.addresses, MAX_ADDRESSES_PER_CALL);
    for (let k = 0; k < batches.length; k++, b++) {
      addBatch(batches[k] as string[], b);
    }
  }


  lines.push('');
  lines.push('if ($failedBatches -gt 0) {');
  lines.push('    Write-Warning (' + psSingleQuote(strings.ScriptSomeFailed) + ' + $failedBatches)');
  lines.push('} else {');
  lines.push('    Write-Host ' + psSingleQuote(strings.ScriptDone));
  lines.push('}');

  let fileName = 'request-onedrives.ps1';
  if (opts.generatedAt !== undefined) {
    const d = opts.generatedAt;
    fileName = 'request-onedrives-' + String(d.getFullYear()) + twoDigits(d.getMonth() + 1) + twoDigits(d.getDate()) + '.ps1';
  }
  return { text: UTF8_BOM + lines.join(EOL) + EOL, fileName, included, skipped, calls: batchTotal };
}
