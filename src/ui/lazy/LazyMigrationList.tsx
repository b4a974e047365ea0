/**
 * The migration list, loaded on demand: the drop zone, the mapping summary and table, the list's requests and exports
 * are in the "sections" chunk (LazyUsersPanel.tsx says why one chunk), fetched when the section mounts, after the
 * readiness pane has rendered from the entry chunk. Same props as MigrationListSection; a skeleton until the chunk is
 * in, Retry if it fails.
 */
import * as React from 'react';
import * as strings from 'AppStrings';
import type { MigrationListSectionProps } from '../migrationList/MigrationListSection';
import { chunk } from './chunk';
import { LazyPart } from './LazyPart';

export const migrationListChunk = chunk<React.ComponentType<MigrationListSectionProps>>(() =>
  import(/* webpackChunkName: "sections" */ '../migrationList/MigrationListSection').then((m) => m.MigrationListSection),
);

const texts = { loading: strings.LazyMigrationListLoading, failed: strings.LazyMigrationListFailed };

export function LazyMigrationListSection(props: MigrationListSectionProps): JSX.Element {
  return <LazyPart chunk={migrationListChunk} props={props} part="migration-list" skeletonLines={3} texts={texts} />;
}
