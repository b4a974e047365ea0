/**
 * The report section as the "sections" chunk delivers it: the report's actions with their input built at the moment the
 * admin asks (reportInputOf), so neither the HTML / text builders nor the input mapping are in the entry chunk.
 */
import * as React from 'react';
import type { AppState } from '../../app/state';
import type { GuideStep } from '../../readiness/guide';
import type { HostServices } from '../host';
import { ReportActions } from '../report/ReportActions';
import { reportInputOf } from '../report/reportInput';

export interface ReportSectionProps {
  host: HostServices;
  state: AppState;
  guide: ReadonlyArray<GuideStep>;
}

export function ReportSection(props: ReportSectionProps): JSX.Element {
  const { state, guide } = props;
  return <ReportActions host={props.host} input={() => reportInputOf(state, guide, new Date())} />;
}
