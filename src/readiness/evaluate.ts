/** Evaluates every check over the gathered facts, in CHECK_IDS order, and summarizes the results. */
import * as strings from 'ReadinessStrings';
import { format } from '../common/format';
import { errorMessage } from '../common/outcome';
import { CHECK_IDS, type Check, type CheckId, type CheckResult } from './check';
import type { TenantFacts } from './facts';
import { ALL_CHECKS } from './checks';

export interface ReadinessSummary {
  /** No check fails, none is unknown or still running (warnings allowed). */
  ready: boolean;
  /** Number of failing checks. */
  blocking: number;
  warnings: number;
  /** Checks that could not tell (not counting the ones still running). */
  unknown: number;
  /** Checks whose facts are still being gathered. */
  running: number;
  passed: number;
}

function checkFor(id: CheckId, checks: ReadonlyArray<Check>): Check | undefined {
  for (const check of checks) {
    if (check.id === id) {
      return check;
    }
  }
  return undefined;
}

/**
 * One check, never throwing: a check that throws (a bug) becomes `unknown` with the error as its reason,
 * so one broken check cannot take the page down.
 */
export function evaluateCheck(check: Check, facts: TenantFacts): CheckResult {
  try {
    return check.evaluate(facts);
  } catch (error) {
    return {
      id: check.id,
      title: check.title,
      status: 'unknown',
      evidence: [format(strings.CheckCrashed, errorMessage(error))],
      nextStep: strings.RecheckNextStep,
      who: 'any-admin',
    };
  }
}

/** The title of a check by id (for checks not evaluated yet), from the one list of checks. */
export function titleOf(id: CheckId, checks: ReadonlyArray<Check> = ALL_CHECKS): string {
  const check = checkFor(id, checks);
  return check ? check.title : id;
}

/**
 * The root cause of a result that does not pass: the first check it depends on (depth first, through that check's own
 * dependencies) that fails. A cause is named only when it fails — an unknown dependency proves nothing.
 */
function rootCause(id: CheckId, checks: ReadonlyArray<Check>, byId: Map<CheckId, CheckResult>, seen: Set<CheckId>): CheckId | undefined {
  const check = checkFor(id, checks);
  if (!check || seen.has(id)) {
    return undefined;
  }
  seen.add(id);
  for (const dependency of check.dependsOn) {
    const deeper = rootCause(dependency, checks, byId, seen);
    if (deeper !== undefined) {
      return deeper;
    }
    const result = byId.get(dependency);
    if (result && result.status === 'fail' && !result.running) {
      return dependency;
    }
  }
  return undefined;
}

/** All checks, in CHECK_IDS order. `checks` is for tests and previews; the product uses the real ones. */
export function evaluate(facts: TenantFacts, checks: ReadonlyArray<Check> = ALL_CHECKS): CheckResult[] {
  const results: CheckResult[] = [];
  const byId = new Map<CheckId, CheckResult>();
  for (const id of CHECK_IDS) {
    const check = checkFor(id, checks);
    if (check) {
      const result = evaluateCheck(check, facts);
      results.push(result);
      byId.set(id, result);
    }
  }
  for (const result of results) {
    if (result.status !== 'pass' && !result.running) {
      const cause = rootCause(result.id, checks, byId, new Set<CheckId>());
      if (cause !== undefined) {
        result.causedBy = { id: cause, title: titleOf(cause, checks) };
      }
    }
  }
  return results;
}

export function summarize(results: ReadonlyArray<CheckResult>): ReadinessSummary {
  const summary: ReadinessSummary = { ready: false, blocking: 0, warnings: 0, unknown: 0, running: 0, passed: 0 };
  for (const result of results) {
    if (result.running) {
      summary.running++;
      continue;
    }
    switch (result.status) {
      case 'fail':
        summary.blocking++;
        break;
      case 'warn':
        summary.warnings++;
        break;
      case 'unknown':
        summary.unknown++;
        break;
      case 'pass':
        summary.passed++;
        break;
    }
  }
  summary.ready = results.length > 0 && summary.blocking === 0 && summary.unknown === 0 && summary.running === 0;
  return summary;
}
