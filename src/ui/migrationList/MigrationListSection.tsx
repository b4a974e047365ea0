import * as React from 'react';
import type { ReadinessController } from '../../app/controller';
import type { MigrationListView } from '../../migrationList/types';
import type { ScanResult } from '../../provisioning/scan';
import type { HostServices } from '../host';
import { MigrationListPanel } from './MigrationListPanel';

export interface MigrationListSectionProps {
  controller: ReadinessController;
  host: HostServices;
  view: MigrationListView;
  scanResult?: ScanResult;
  requestRunning: boolean;
  adminUrl: string;
}

/** The migration list wired to the controller: callbacks made once per controller, so the panel re-renders only on its data. */
export function MigrationListSection(props: MigrationListSectionProps): JSX.Element {
  const { controller, host } = props;
  const callbacks = React.useMemo(
    () => ({
      onLoad: (input: Parameters<ReadinessController['loadMigrationList']>[0]) => {
        void controller.loadMigrationList(input);
      },
      onChooseColumn: (index: number) => {
        void controller.chooseMigrationListColumn(index);
      },
      onRetryLookups: () => {
        void controller.retryMigrationListLookups();
      },
      onCancel: () => controller.cancelMigrationList(),
      onClear: () => controller.clearMigrationList(),
      onRequest: (upns: string[]) => {
        void controller.requestProvisioning(upns);
      },
      onDownload: (fileName: string, content: string, mimeType: string) => host.download(fileName, content, mimeType),
    }),
    [controller, host],
  );
  return (
    <MigrationListPanel
      view={props.view}
      requestRunning={props.requestRunning}
      adminUrl={props.adminUrl}
      {...(props.scanResult ? { scanResult: props.scanResult } : {})}
      {...callbacks}
    />
  );
}
