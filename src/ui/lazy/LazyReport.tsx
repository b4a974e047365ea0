/**
 * The readiness report, loaded on demand: Export report and Copy summary with the HTML / text builders are in the
 * "sections" chunk (LazyUsersPanel.tsx says why one chunk), fetched when the section mounts, after the readiness pane
 * has rendered from the entry chunk. A skeleton until the chunk is in, Retry if it fails.
 */
import * as React from 'react';
import * as strings from 'AppStrings';
import { chunk } from './chunk';
import { LazyPart } from './LazyPart';
import type { ReportSectionProps } from './ReportSection';

export const reportChunk = chunk<React.ComponentType<ReportSectionProps>>(() =>
  import(/* webpackChunkName: "sections" */ './ReportSection').then((m) => m.ReportSection),
);

const texts = { loading: strings.LazyReportLoading, failed: strings.LazyReportFailed };

export function LazyReportSection(props: ReportSectionProps): JSX.Element {
  return <LazyPart chunk={reportChunk} props={props} part="report" skeletonLines={2} texts={texts} />;
}
