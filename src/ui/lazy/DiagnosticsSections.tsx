/**
 * The connection report and the troubleshooting cases as the "sections" chunk delivers them: each built from the
 * pane's state here, so neither the builders nor the components are in the entry chunk (both sit at the end of the
 * pane, below the checks, the guide and the lists).
 */
import * as React from 'react';
import { connectionReport } from '../../app/connectionReport';
import type { AppState } from '../../app/state';
import type { CheckResult } from '../../readiness/check';
import type { TenantFacts } from '../../readiness/facts';
import { buildTroubleshooting } from '../../readiness/troubleshooting';
import { ConnectionReport } from '../ConnectionReport';
import { Troubleshooting } from '../readiness/Troubleshooting';

export interface ConnectionSectionProps {
  state: AppState;
  copyText(text: string): Promise<boolean>;
  now: () => string;
}

export function ConnectionSection(props: ConnectionSectionProps): JSX.Element {
  const { state } = props;
  const rows = React.useMemo(() => connectionReport(state, state.hosts), [state]);
  return <ConnectionReport rows={rows} copyText={props.copyText} now={props.now} />;
}

export interface TroubleshootingSectionProps {
  facts: TenantFacts | undefined;
  gathering: boolean;
  results: ReadonlyArray<CheckResult>;
}

export function TroubleshootingSection(props: TroubleshootingSectionProps): JSX.Element {
  const { facts, gathering, results } = props;
  const cases = React.useMemo(() => (facts && !gathering ? buildTroubleshooting(facts, results) : []), [facts, gathering, results]);
  return <Troubleshooting cases={cases} />;
}
