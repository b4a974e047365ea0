/**
 * "Copy summary": the report in a few plain-text lines, for a Teams chat or an email to the Global admin — the check
 * counts, each check that does not pass with its next step and who takes it, the OneDrive counts, the migration list's
 * verdicts and the steps left to a Global admin. Tenant text is kept as is (it is plain text) but isolated so a
 * right-to-left name cannot reorder the line around it.
 */
import * as strings from 'ReportStrings';
import { format, isolate } from '../common/format';
import { CHECK_IDS, type CheckResult } from '../readiness/check';
import type { Verdict } from '../migrationList/types';
import { verdictLabel } from '../migrationList/verdictText';
import { runByLabel, statusCounts, tenantLabel } from './html';
import type { ReportInput } from './input';

const VERDICT_ORDER: ReadonlyArray<Verdict> = ['not-provisioned', 'requested', 'unlicensed', 'disabled', 'guest', 'not-found', 'duplicate', 'invalid', 'unknown', 'ready'];

function mark(status: string): string {
  return status === 'fail' ? '✗' : status === 'warn' ? '!' : status === 'pass' ? '✓' : '?';
}

export function reportSummaryText(input: ReportInput): string {
  const lines: string[] = [];
  lines.push(format(strings.TextHeading, isolate(tenantLabel(input))));
  lines.push(format(strings.TextWhen, input.generatedAt.toISOString().substring(0, 16).replace('T', ' ') + ' UTC', isolate(runByLabel(input))));
  const counts = statusCounts(input);
  lines.push(format(strings.TextChecks, counts.pass, counts.warn, counts.fail, counts.unknown));
  const byId = new Map<string, CheckResult>();
  for (const check of input.checks) {
    byId.set(check.id, check);
  }
  let open = 0;
  for (const id of CHECK_IDS) {
    const check = byId.get(id);
    if (!check || check.status === 'pass' || check.running) {
      continue;
    }
    open++;
    lines.push(format(strings.TextCheckLine, mark(check.status), input.labels.status(check.status), check.title));
    if (check.nextStep) {
      lines.push(format(strings.TextNextStep, check.who ? input.labels.who(check.who) : '-', check.nextStep));
    }
  }
  if (open === 0 && counts.running === 0) {
    lines.push(strings.TextAllPass);
  }
  const users = input.users;
  if (users.state === 'done' && users.considered !== undefined) {
    lines.push(format(strings.TextUsers, (users.notProvisioned || 0) + (users.requested || 0), users.considered, users.requested || 0));
  } else {
    lines.push(strings.TextUsersPending);
  }
  const list = input.migrationList;
  if (list && list.counts) {
    const counts2 = list.counts;
    const parts = VERDICT_ORDER.filter((verdict) => counts2[verdict] > 0).map((verdict) => format(strings.TextVerdictCount, counts2[verdict], verdictLabel(verdict).toLowerCase()));
    lines.push(format(strings.TextMigrationList, isolate(list.fileName), list.rows, parts.join(', ')));
  }
  const globalSteps = input.guide.filter((step) => step.who === 'global-admin' && step.state !== 'done').length;
  if (globalSteps > 0) {
    lines.push(format(strings.TextGlobalAdminSteps, globalSteps));
  }
  return lines.join('\n');
}
