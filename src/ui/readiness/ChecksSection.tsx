import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import * as strings from 'AppStrings';
import { clockTime, format } from '../../common/format';
import type { TransportWait } from '../../app/transportPorts';
import { CHECK_IDS, type CheckId, type CheckResult } from '../../readiness/check';
import { titleOf } from '../../readiness/evaluate';
import { CheckCard } from './CheckCard';

export interface ChecksSectionProps {
  results: CheckResult[];
  /** Facts are being (re)gathered: every check shows as running. */
  gathering: boolean;
  /** The transport is waiting (throttled, or backing off): said above the checks while any of them is running. */
  wait?: TransportWait;
}

/** Failures first, then checks that could not tell, then warnings, then running ones; passes last, one line each. */
const ORDER: Record<string, number> = { fail: 0, unknown: 1, warn: 2, running: 3, pass: 4 };

function rank(result: CheckResult | undefined): number {
  if (!result || result.running) {
    return ORDER.running as number;
  }
  return ORDER[result.status] ?? 3;
}

/**
 * Every check, read at a glance: what blocks comes first with its next step; passing checks are one line each that
 * expands to the evidence. Each keeps `data-check-id` / `data-status`, collapsed or not.
 */
export function ChecksSection(props: ChecksSectionProps): JSX.Element {
  const entries = CHECK_IDS.map((id: CheckId, index: number) => {
    const result = props.gathering ? undefined : props.results.filter((r) => r.id === id)[0];
    return { id, index, result };
  });
  // While gathering, keep the contract's order (nothing is known yet); after, the order of urgency (stable).
  const ordered = props.gathering ? entries : entries.slice().sort((a, b) => rank(a.result) - rank(b.result) || a.index - b.index);
  const waiting = props.wait !== undefined && entries.some((e) => !e.result || e.result.running === true) ? props.wait : undefined;
  return (
    <div>
      {waiting && (
        <div style={{ marginBottom: 8 }}>
          <MessageBar messageBarType={MessageBarType.warning} isMultiline data-testid="checks-wait">
            {format(waiting.asked ? strings.ChecksWaitAsked : strings.ChecksWaitBackoff, waiting.seconds, clockTime(waiting.until), waiting.status)}
          </MessageBar>
        </div>
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
        {ordered.map(({ id, result }) => (
          <li key={id}>
            <CheckCard id={id} title={titleOf(id)} {...(result ? { result } : {})} collapsible={!!result && result.status === 'pass' && !result.running} />
          </li>
        ))}
      </ul>
    </div>
  );
}
