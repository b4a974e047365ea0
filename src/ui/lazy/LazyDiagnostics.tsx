/**
 * The connection report and the troubleshooting cases, loaded on demand with the other sections ("sections" chunk,
 * LazyUsersPanel.tsx says why one chunk). A skeleton until the chunk is in, Retry if it fails.
 */
import * as React from 'react';
import * as strings from 'AppStrings';
import { chunk } from './chunk';
import type { ConnectionSectionProps, TroubleshootingSectionProps } from './DiagnosticsSections';
import { LazyPart } from './LazyPart';

type DiagnosticsModule = typeof import('./DiagnosticsSections');

const diagnosticsChunk = chunk<DiagnosticsModule>(() => import(/* webpackChunkName: "sections" */ './DiagnosticsSections'));

export const connectionChunk = {
  load: (): Promise<React.ComponentType<ConnectionSectionProps>> => diagnosticsChunk.load().then((m) => m.ConnectionSection),
  loaded: (): React.ComponentType<ConnectionSectionProps> | undefined => diagnosticsChunk.loaded()?.ConnectionSection,
};

export const troubleshootingChunk = {
  load: (): Promise<React.ComponentType<TroubleshootingSectionProps>> => diagnosticsChunk.load().then((m) => m.TroubleshootingSection),
  loaded: (): React.ComponentType<TroubleshootingSectionProps> | undefined => diagnosticsChunk.loaded()?.TroubleshootingSection,
};

const connectionTexts = { loading: strings.LazyConnectionLoading, failed: strings.LazyConnectionFailed };
const troubleshootingTexts = { loading: strings.LazyTroubleshootingLoading, failed: strings.LazyTroubleshootingFailed };

export function LazyConnectionReport(props: ConnectionSectionProps): JSX.Element {
  return <LazyPart chunk={connectionChunk} props={props} part="connection" skeletonLines={4} texts={connectionTexts} />;
}

export function LazyTroubleshooting(props: TroubleshootingSectionProps): JSX.Element {
  return <LazyPart chunk={troubleshootingChunk} props={props} part="troubleshooting" skeletonLines={4} texts={troubleshootingTexts} />;
}
