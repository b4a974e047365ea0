/**
 * The one place that turns a failed read (an Outcome failure) into an `unknown` check result: the reason as evidence,
 * and a next step that fits the failure (missing permission → where a Global admin approves it; 401 → reload;
 * 429/5xx → busy, Re-check later; 404 → what it means). Checks never map failures themselves.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../common/format';
import type { CheckId, CheckLink, CheckResult, Who } from './check';
import type { TenantFacts } from './facts';
import type { Failure } from '../common/outcome';
import { API_ACCESS_PAGE, sharePointAdminHost } from './links';

export interface FailureExplanation {
  /** The reason, in plain words: what could not be read and what the service answered. */
  evidence: string[];
  nextStep: string;
  who: Who;
  links?: CheckLink[];
}

/** Error codes that mean "not allowed" (missing scope or missing role) when they come with a 403. */
const PERMISSION_CODE = /denied|forbidden|insufficient|unauthori[sz]ed|consent|permission|privilege/i;

export function isPermissionFailure(failure: Failure): boolean {
  if (failure.missingScope) {
    return true;
  }
  return failure.status === 403 && PERMISSION_CODE.test(failure.code);
}

export function isBusyFailure(failure: Failure): boolean {
  return failure.status === 429 || (failure.status >= 500 && failure.status <= 599);
}

function answerLine(failure: Failure): string {
  if (failure.status === 0) {
    return format(strings.UnknownNoAnswer, failure.code || '-', failure.message || '-');
  }
  return format(strings.UnknownServiceAnswered, failure.status, failure.code || '-', failure.message || '-');
}

function apiAccessLink(facts: TenantFacts): CheckLink {
  return { label: strings.LinkApiAccess, href: API_ACCESS_PAGE(sharePointAdminHost(facts.tenant)) };
}

/**
 * Explains a failed read. `what` names what could not be read ("the tenant's subscriptions");
 * `notFoundHint` explains a 404 in this read's terms, when the caller knows better than the generic text.
 */
export function explainFailure(failure: Failure, what: string, facts: TenantFacts, notFoundHint?: string): FailureExplanation {
  const evidence = [format(strings.UnknownCouldNotRead, what), answerLine(failure)];

  if (failure.provenScope && failure.status !== 401 && (failure.status === 403 || PERMISSION_CODE.test(failure.code))) {
    // The scope works for other reads: never claim it is missing.
    evidence.push(format(strings.UnknownDeniedDespiteScope, what, failure.provenScope));
    return { evidence, nextStep: strings.UnknownDeniedDespiteScopeNextStep, who: 'any-admin' };
  }

  if (isPermissionFailure(failure)) {
    if (failure.missingScope) {
      evidence.push(format(strings.UnknownMissingScopeEvidence, failure.missingScope));
      return {
        evidence,
        nextStep: format(strings.UnknownMissingScopeNextStep, failure.missingScope),
        who: 'global-admin',
        links: [apiAccessLink(facts)],
      };
    }
    evidence.push(strings.UnknownForbiddenEvidence);
    return { evidence, nextStep: strings.UnknownForbiddenNextStep, who: 'global-admin', links: [apiAccessLink(facts)] };
  }

  if (failure.status === 401) {
    evidence.push(strings.UnknownSignInExpiredEvidence);
    return { evidence, nextStep: strings.UnknownSignInExpiredNextStep, who: 'any-admin' };
  }

  if (isBusyFailure(failure)) {
    evidence.push(strings.UnknownBusyEvidence);
    const nextStep =
      failure.retryAfterSeconds !== undefined && failure.retryAfterSeconds > 0
        ? format(strings.UnknownBusyNextStepAfter, Math.ceil(failure.retryAfterSeconds))
        : strings.UnknownBusyNextStep;
    return { evidence, nextStep, who: 'any-admin' };
  }

  if (failure.status === 404) {
    evidence.push(notFoundHint || strings.UnknownNotFoundEvidence);
    return { evidence, nextStep: strings.UnknownNotFoundNextStep, who: 'any-admin' };
  }

  if (failure.status === 0) {
    return { evidence, nextStep: strings.UnknownNoAnswerNextStep, who: 'any-admin' };
  }

  if (failure.status === 403) {
    evidence.push(strings.UnknownForbiddenOtherEvidence);
    return { evidence, nextStep: strings.UnknownForbiddenOtherNextStep, who: 'any-admin', links: [apiAccessLink(facts)] };
  }

  return { evidence, nextStep: strings.UnknownOtherNextStep, who: 'any-admin' };
}

/** Failure codes that mean a paged read was stopped part-way (the scan's paging guards and the adapters' refusals). */
const PAGING_STOPS: Record<string, string> = {
  PagingLoop: strings.PagingStopLoop,
  PagingNoProgress: strings.PagingStopLoop,
  PagingCeiling: strings.PagingStopCeiling,
  ForeignNextLink: strings.PagingStopForeign,
  MalformedAnswer: strings.PagingStopMalformed,
};

/**
 * The sentence that says a paged read stopped at page N and that what was read is incomplete, or undefined when the
 * failure is not a paging stop (no page number).
 */
export function pagingStopEvidence(failure: Failure): string | undefined {
  const template = failure.page !== undefined ? PAGING_STOPS[failure.code] : undefined;
  return template !== undefined ? format(template, failure.page as number) : undefined;
}

/** An `unknown` check result for a failed read. */
export function unknownFromFailure(
  id: CheckId,
  title: string,
  failure: Failure,
  what: string,
  facts: TenantFacts,
  notFoundHint?: string
): CheckResult {
  const explanation = explainFailure(failure, what, facts, notFoundHint);
  const result: CheckResult = { id, title, status: 'unknown', evidence: explanation.evidence, nextStep: explanation.nextStep, who: explanation.who };
  if (explanation.links) {
    result.links = explanation.links;
  }
  return result;
}
