/**
 * The users list, loaded on demand: scan status, summary, the DetailsList, provisioning requests and the CSV /
 * PowerShell exports are in the "sections" chunk (with the migration list and the report: the three mount together,
 * so one request and no chunk overhead between them), fetched when the section mounts, after the readiness pane has
 * rendered from the entry chunk. Same props as UnprovisionedUsersPanel; a skeleton until the chunk is in, Retry if it
 * fails.
 */
import * as React from 'react';
import * as strings from 'AppStrings';
import type { UnprovisionedUsersPanelProps } from '../users/UnprovisionedUsersPanel';
import { chunk } from './chunk';
import { LazyPart } from './LazyPart';

export const usersPanelChunk = chunk<React.ComponentType<UnprovisionedUsersPanelProps>>(() =>
  import(/* webpackChunkName: "sections" */ '../users/UnprovisionedUsersPanel').then((m) => m.UnprovisionedUsersPanel),
);

const texts = { loading: strings.LazyUsersLoading, failed: strings.LazyUsersFailed };

export function LazyUsersPanel(props: UnprovisionedUsersPanelProps): JSX.Element {
  return <LazyPart chunk={usersPanelChunk} props={props} part="users" skeletonLines={6} texts={texts} />;
}
