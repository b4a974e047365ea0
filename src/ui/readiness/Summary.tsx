import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import * as strings from 'AppStrings';
import { format } from '../../common/format';
import type { CheckResult } from '../../readiness/check';
import { summarize } from '../../readiness/evaluate';
import { plural } from '../plural';

export function Summary(props: { results: CheckResult[]; gathering: boolean }): JSX.Element {
  if (props.gathering || props.results.length === 0) {
    return (
      <div role="status" data-testid="summary" data-ready="unknown">
        {strings.Checking}
      </div>
    );
  }
  const summary = summarize(props.results);
  const title = summary.ready ? strings.SummaryReady : summary.blocking === 1 ? strings.SummaryBlockingOne : summary.blocking > 1 ? format(strings.SummaryBlockingMany, summary.blocking) : strings.SummaryNotReady;
  const detail = summary.ready
    ? strings.SummaryReadyDetail
    : format(
        strings.SummaryDetail,
        plural(summary.passed, { one: strings.SummaryPassedOne, other: strings.SummaryPassedOther }),
        plural(summary.warnings, { one: strings.SummaryWarningsOne, other: strings.SummaryWarningsOther }),
        plural(summary.unknown, { one: strings.SummaryUnknownOne, other: strings.SummaryUnknownOther }),
        plural(summary.running, { one: strings.SummaryRunningOne, other: strings.SummaryRunningOther }),
      );
  const type = summary.ready ? MessageBarType.success : summary.blocking > 0 ? MessageBarType.error : MessageBarType.warning;
  return (
    <div role="status" data-testid="summary" data-ready={summary.ready ? 'true' : 'false'}>
      <MessageBar messageBarType={type} isMultiline>
        <strong>{title}</strong> — {detail}
      </MessageBar>
    </div>
  );
}
