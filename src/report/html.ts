/**
 * The readiness report as one self-contained HTML file: no script, no external resource (a Content-Security-Policy
 * that allows nothing but its own inline style says so to the browser), a print stylesheet for a clean PDF. Every
 * check in an element with `data-check-id` and `data-status`, as in the pane. Every value from the tenant is escaped.
 */
import * as strings from 'ReportStrings';
import { format } from '../common/format';
import { CHECK_IDS, type CheckResult, type CheckStatus } from '../readiness/check';
import type { GuideStep } from '../readiness/guide';
import { VERDICTS, type Verdict } from '../migrationList/types';
import { verdictLabel } from '../migrationList/verdictText';
import { escapeHtml as esc, safeHref } from './escape';
import type { ReportConnectionRow, ReportInput, ReportMigrationList, ReportUsers } from './input';

/** The report's verdict order: problems first. */
const VERDICT_ORDER: ReadonlyArray<Verdict> = ['not-provisioned', 'requested', 'unlicensed', 'disabled', 'guest', 'not-found', 'duplicate', 'invalid', 'unknown', 'ready'];

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", system-ui, -apple-system, sans-serif; font-size: 14px; line-height: 1.45; color: #201f1e; margin: 24px auto; max-width: 1000px; padding: 0 16px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #edebe9; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 4px; }
h4 { font-size: 13px; margin: 8px 0 2px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.summary { font-size: 15px; font-weight: 600; }
.check { border: 1px solid #edebe9; border-left-width: 6px; border-radius: 2px; padding: 8px 12px; margin: 8px 0; }
.check ul { margin: 2px 0; padding-left: 20px; }
.status-pass { border-left-color: #107c10; }
.status-warn { border-left-color: #c19c00; }
.status-fail { border-left-color: #a4262c; }
.status-unknown, .status-running { border-left-color: #605e5c; }
.badge { display: inline-block; min-width: 64px; font-weight: 600; }
.status-pass .badge { color: #107c10; }
.status-warn .badge { color: #8a6d00; }
.status-fail .badge { color: #a4262c; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #edebe9; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
ol.guide li { margin: 4px 0; }
.state { font-weight: 600; }
.url { color: #605e5c; word-break: break-all; }
footer { margin-top: 32px; color: #605e5c; font-size: 12px; }
code, .mono { font-family: Consolas, "Courier New", monospace; word-break: break-all; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; color: #000; }
  h2 { break-after: avoid; }
  .check, tr, li { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
  .url { color: #333; }
}
`;

function statusOf(check: CheckResult | undefined, gathering: boolean): CheckStatus | 'running' {
  if (!check) {
    return 'running';
  }
  return check.running || (gathering && check.status === 'unknown') ? 'running' : check.status;
}

function utc(date: Date): string {
  return date.toISOString().substring(0, 16).replace('T', ' ') + ' UTC';
}

function utcOf(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const time = Date.parse(iso);
  return isNaN(time) ? iso : utc(new Date(time));
}

function linkList(links: ReadonlyArray<{ label: string; href: string }>): string {
  const items = links.map((link) => {
    const href = safeHref(link.href);
    return href
      ? `<li><a href="${esc(href)}">${esc(link.label)}</a> <span class="url">${esc(href)}</span></li>`
      : `<li>${esc(link.label)} <span class="url">${esc(link.href)}</span></li>`;
  });
  return `<h4>${esc(strings.Links)}</h4><ul class="links">${items.join('')}</ul>`;
}

function consentTable(check: CheckResult): string {
  const rows = check.consentTable || [];
  if (rows.length === 0) {
    return '';
  }
  const body = rows
    .map(
      (row) =>
        `<tr><td><code>${esc(row.scope)}</code></td><td>${esc(row.allows)}</td><td>${esc(row.required ? strings.Yes : strings.No)}</td>` +
        `<td>${esc(row.grantedTenantWide ? strings.Yes : strings.No)}</td><td>${esc(row.grantedPerUserOnly ? strings.Yes : strings.No)}</td></tr>`,
    )
    .join('');
  return (
    `<table class="consent"><caption>${esc(strings.ConsentCaption)}</caption><thead><tr><th scope="col">${esc(strings.ConsentScope)}</th>` +
    `<th scope="col">${esc(strings.ConsentAllows)}</th><th scope="col">${esc(strings.ConsentRequired)}</th><th scope="col">${esc(strings.ConsentGranted)}</th>` +
    `<th scope="col">${esc(strings.ConsentPerUser)}</th></tr></thead><tbody>${body}</tbody></table>`
  );
}

function checkArticle(id: string, check: CheckResult | undefined, input: ReportInput): string {
  const status = statusOf(check, input.gathering);
  const parts: string[] = [];
  parts.push(`<article class="check status-${esc(status)}" data-check-id="${esc(id)}" data-status="${esc(status)}">`);
  parts.push(`<h3><span class="badge">${esc(input.labels.status(status))}</span> ${esc(check ? check.title : id)}</h3>`);
  if (check) {
    if (check.causedBy && status !== 'pass') {
      parts.push(`<p class="cause">${esc(format(strings.CausedBy, check.causedBy.title))}</p>`);
    }
    if (check.evidence.length > 0) {
      parts.push(`<h4>${esc(strings.Evidence)}</h4><ul class="evidence">${check.evidence.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`);
    }
    if (check.nextStep && status !== 'pass') {
      const heading = check.who ? format(strings.NextStepWho, input.labels.who(check.who)) : strings.NextStep;
      parts.push(`<p class="next"><strong>${esc(heading)}:</strong> ${esc(check.nextStep)}</p>`);
    }
    parts.push(consentTable(check));
    if (check.links && check.links.length > 0) {
      parts.push(linkList(check.links));
    }
  }
  parts.push('</article>');
  return parts.join('');
}

function checksSection(input: ReportInput): string {
  const byId = new Map<string, CheckResult>();
  for (const check of input.checks) {
    byId.set(check.id, check);
  }
  // As the pane reads: failures, warnings and what could not be told first, each with its next step; passes after.
  const rank: Record<CheckStatus | 'running', number> = { fail: 0, warn: 1, unknown: 2, running: 3, pass: 4 };
  const ids = CHECK_IDS.slice().sort((a, b) => rank[statusOf(byId.get(a), input.gathering)] - rank[statusOf(byId.get(b), input.gathering)] || CHECK_IDS.indexOf(a) - CHECK_IDS.indexOf(b));
  const articles = ids.map((id) => checkArticle(id, byId.get(id), input)).join('\n');
  const note = input.checks.length === 0 ? `<p>${esc(strings.NoChecks)}</p>` : '';
  return `<section id="checks"><h2>${esc(strings.SectionChecks)}</h2>${note}\n${articles}</section>`;
}

function guideSection(input: ReportInput): string {
  if (input.guide.length === 0) {
    return `<section id="guide"><h2>${esc(strings.SectionGuide)}</h2><p>${esc(strings.GuideEmpty)}</p></section>`;
  }
  const items = input.guide.map((step: GuideStep) => {
    const extra: string[] = [];
    if (step.reason) {
      extra.push(`<div>${esc(step.reason)}</div>`);
    }
    if (step.warning) {
      extra.push(`<div>${esc(format(strings.GuideWarning, step.warning))}</div>`);
    }
    if (step.tip) {
      extra.push(`<div>${esc(format(strings.GuideTip, step.tip))}</div>`);
    }
    if (step.links && step.links.length > 0) {
      extra.push(linkList(step.links));
    }
    return (
      `<li data-step="${esc(step.number)}" data-state="${esc(step.state)}"><span class="state">${esc(input.labels.guideState(step.state))}</span> — ` +
      `<strong>${esc(format(strings.GuideStep, step.number, step.title))}</strong> (${esc(input.labels.who(step.who))}). ${esc(step.detail)}${extra.join('')}</li>`
    );
  });
  return `<section id="guide"><h2>${esc(strings.SectionGuide)}</h2><ol class="guide">${items.join('')}</ol></section>`;
}

function countRow(label: string, value: string | number | undefined): string {
  return value === undefined ? '' : `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`;
}

function usersSection(users: ReportUsers): string {
  const head = `<section id="users" data-scan-state="${esc(users.state)}"><h2>${esc(strings.SectionUsers)}</h2>`;
  if (users.state === 'running') {
    return `${head}<p>${esc(strings.UsersRunning)}</p></section>`;
  }
  if (users.state === 'failed') {
    return `${head}<p>${esc(format(strings.UsersFailed, users.failure || ''))}</p></section>`;
  }
  if (users.state === 'not-run') {
    return `${head}<p>${esc(strings.UsersNotRun)}</p></section>`;
  }
  const excluded = users.excluded;
  const rows = [
    countRow(strings.UsersConsidered, users.considered),
    countRow(strings.UsersProvisioned, users.provisioned),
    countRow(strings.UsersNotProvisioned, users.notProvisioned),
    countRow(strings.UsersRequested, users.requested),
    users.overdue ? countRow(strings.UsersOverdue, users.overdue) : '',
    users.undetermined ? countRow(strings.UsersUndetermined, users.undetermined) : '',
    excluded ? countRow(strings.UsersExcluded, format(strings.UsersExcludedValue, excluded.guests, excluded.disabled, excluded.unlicensed)) : '',
  ].join('');
  const notes: string[] = [];
  if (users.method) {
    notes.push(users.method === 'per-user' ? strings.UsersMethodPerUser : strings.UsersMethodTenant);
  }
  if (users.finishedAt) {
    notes.push(format(strings.UsersFinished, utcOf(users.finishedAt)));
  }
  return `${head}<table class="counts" data-testid="user-counts"><tbody>${rows}</tbody></table><p>${esc(notes.join(' '))}</p></section>`;
}

function migrationListSection(list: ReportMigrationList | undefined): string {
  if (!list) {
    return '';
  }
  const head = `<section id="migration-list" data-phase="${esc(list.phase)}"><h2>${esc(strings.SectionMigrationList)}</h2>`;
  const meta =
    `<dl class="meta"><dt>${esc(strings.MigrationListFile)}</dt><dd>${esc(list.fileName)}</dd><dt>${esc(strings.MigrationListRows)}</dt><dd>${esc(list.rows)}</dd>` +
    (list.column !== undefined ? `<dt>${esc(strings.MigrationListColumn)}</dt><dd>${esc(list.column)}</dd>` : '') +
    (list.resolvedAt ? `<dt>${esc(strings.MigrationListChecked)}</dt><dd>${esc(utcOf(list.resolvedAt))}</dd>` : '') +
    '</dl>';
  const counts = list.counts;
  if (!counts) {
    return `${head}${meta}<p>${esc(format(strings.MigrationListNotChecked, list.phase))}</p></section>`;
  }
  const rows = VERDICT_ORDER.filter((verdict) => VERDICTS.indexOf(verdict) >= 0)
    .map((verdict) => `<tr data-verdict-count="${esc(verdict)}"><th scope="row">${esc(verdictLabel(verdict))}</th><td>${esc(counts[verdict])}</td></tr>`)
    .join('');
  return (
    `${head}${meta}<table class="verdicts" data-testid="mapping-summary"><thead><tr><th scope="col">${esc(strings.MigrationListVerdict)}</th>` +
    `<th scope="col">${esc(strings.MigrationListCount)}</th></tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

function connectionSection(rows: ReadonlyArray<ReportConnectionRow>): string {
  if (rows.length === 0) {
    return '';
  }
  const body = rows
    .map(
      (row) =>
        `<tr data-path="${esc(row.path)}" data-outcome="${esc(row.outcome)}"><th scope="row">${esc(row.pathLabel)}</th>` +
        `<td>${esc(row.outcomeLabel)}${row.pending ? ` (${esc(strings.ConnectionPending)})` : ''}</td>` +
        `<td>${esc(row.tried)}${row.host ? ` <code>${esc(row.host)}</code>` : ''}</td>` +
        `<td>${row.answer ? esc(row.answer) : '—'}${row.correlationId ? `<div>${esc(strings.ConnectionCorrelation)}: <code>${esc(row.correlationId)}</code></div>` : ''}</td>` +
        `<td>${row.fallback ? esc(row.fallback) : '—'}</td></tr>`,
    )
    .join('');
  return (
    `<section id="connection"><h2>${esc(strings.SectionConnection)}</h2><table data-testid="connection-report"><thead><tr>` +
    `<th scope="col">${esc(strings.ConnectionPath)}</th><th scope="col">${esc(strings.ConnectionOutcome)}</th><th scope="col">${esc(strings.ConnectionTried)}</th>` +
    `<th scope="col">${esc(strings.ConnectionAnswer)}</th><th scope="col">${esc(strings.ConnectionFallback)}</th></tr></thead><tbody>${body}</tbody></table></section>`
  );
}

/** Counts of pass, warn, fail and unknown among the checks (running ones aside). */
export function statusCounts(input: ReportInput): { pass: number; warn: number; fail: number; unknown: number; running: number } {
  const counts = { pass: 0, warn: 0, fail: 0, unknown: 0, running: 0 };
  const byId = new Map<string, CheckResult>();
  for (const check of input.checks) {
    byId.set(check.id, check);
  }
  for (const id of CHECK_IDS) {
    counts[statusOf(byId.get(id), input.gathering)]++;
  }
  return counts;
}

export function tenantLabel(input: ReportInput): string {
  return input.tenant ? format(strings.TenantText, input.tenant.displayName, input.tenant.initialDomain) : strings.MetaUnknown;
}

export function runByLabel(input: ReportInput): string {
  return input.runBy ? format(strings.WhoText, input.runBy.displayName, input.runBy.userPrincipalName) : strings.MetaUnknown;
}

/** The whole report: one HTML document, nothing to fetch. */
export function reportHtml(input: ReportInput): string {
  const counts = statusCounts(input);
  const connector = input.connector.appId ? format(strings.ConnectorWithId, input.connector.displayName, input.connector.appId) : format(strings.ConnectorText, input.connector.displayName);
  const title = input.tenant ? format(strings.TitleFor, input.tenant.displayName) : strings.Title;
  const header =
    `<header><h1>${esc(strings.Title)}</h1><p>${esc(format(strings.Subtitle, input.connector.displayName))}</p>` +
    `<dl class="meta"><dt>${esc(strings.MetaTenant)}</dt><dd data-testid="report-tenant">${esc(tenantLabel(input))}</dd>` +
    `<dt>${esc(strings.MetaWhen)}</dt><dd><time datetime="${esc(input.generatedAt.toISOString())}">${esc(utc(input.generatedAt))}</time></dd>` +
    `<dt>${esc(strings.MetaWho)}</dt><dd data-testid="report-who">${esc(runByLabel(input))}</dd>` +
    `<dt>${esc(strings.MetaConnector)}</dt><dd>${esc(connector)}</dd></dl>` +
    `<p class="summary">${esc(format(strings.Summary, counts.pass, counts.warn, counts.fail, counts.unknown))}${counts.running > 0 ? ' ' + esc(strings.SummaryRunning) : ''}</p></header>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Migration Readiness">',
    `<title>${esc(title)} — ${esc(utc(input.generatedAt))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header,
    checksSection(input),
    guideSection(input),
    usersSection(input.users),
    migrationListSection(input.migrationList),
    connectionSection(input.connection),
    `<footer>${esc(strings.Footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** migration-readiness-contoso-20260304-0506.html */
export function reportFileName(input: ReportInput): string {
  const d = input.generatedAt.toISOString();
  const stamp = d.substring(0, 10).replace(/-/g, '') + '-' + d.substring(11, 16).replace(':', '');
  const tenant = input.tenant ? input.tenant.initialDomain.split('.')[0] || '' : '';
  const slug = tenant.toLowerCase().replace(/[^a-z0-9-]+/g, '');
  return `migration-readiness-${slug ? slug + '-' : ''}${stamp}.html`;
}

export const REPORT_MIME_TYPE: string = 'text/html;charset=utf-8';
