import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { ProgressIndicator } from '@fluentui/react/lib/ProgressIndicator';
import * as strings from 'UsersUiStrings';
import { format } from '../../common/format';
import type { ScanView } from '../../app/state';
import { describeScanProgress } from '../../provisioning/scan';
import type { ScanProgress } from '../../provisioning/scan';
import { failureNextStep, failureReason, formatDateTime } from './displayText';

export interface ScanStatusProps {
  scan: ScanView;
  headingId: string;
  onRescan(): void;
  onCancelScan(): void;
  onResumeScan(): void;
}

/** 0–1 from the pages read (or users checked) so far; undefined (indeterminate) when the total is not known. */
export function scanFraction(progress: ScanProgress | undefined): number | undefined {
  if (progress === undefined) {
    return undefined;
  }
  if (progress.phase === 'per-user') {
    const toCheck = progress.usersToCheck || 0;
    return toCheck > 0 ? Math.min(1, (progress.usersChecked || 0) / toCheck) : undefined;
  }
  const total = progress.estimatedTotalPages;
  if (total === undefined || total <= 0) {
    return undefined;
  }
  return Math.min(1, (progress.userPagesDone + progress.sitePagesDone) / total);
}

const row: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 8 };

export function ScanStatus(props: ScanStatusProps): JSX.Element {
  const { scan } = props;
  const result = scan.result;
  const progressText = scan.progress ? describeScanProgress(scan.progress) : strings.ScanStarting;
  const hasCheckpoint = scan.checkpoint !== undefined;
  const resumeAction = hasCheckpoint ? (
    <div>
      <PrimaryButton text={strings.ScanResume} onClick={props.onResumeScan} />
    </div>
  ) : undefined;

  return (
    <div>
      <h3 id={props.headingId}>{strings.ScanHeading}</h3>

      {scan.running && (
        <div>
          <ProgressIndicator label={strings.ScanRunningLabel} percentComplete={scanFraction(scan.progress)} ariaValueText={progressText} />
          <div role="status" aria-live="polite">
            {progressText}
          </div>
          <div style={row}>
            <DefaultButton text={strings.ScanCancel} onClick={props.onCancelScan} />
          </div>
        </div>
      )}

      {!scan.running && scan.failure !== undefined && (
        <MessageBar
          messageBarType={MessageBarType.error}
          isMultiline
          actions={resumeAction}
        >
          <div>{format(strings.ScanFailed, failureReason(scan.failure))}</div>
          <div>{format(hasCheckpoint ? strings.ScanFailedNextStepResume : strings.ScanFailedNextStepRestart, failureNextStep(scan.failure))}</div>
        </MessageBar>
      )}

      {!scan.running && scan.failure === undefined && scan.cancelled === true && (
        <MessageBar
          messageBarType={MessageBarType.info}
          isMultiline
          actions={resumeAction}
        >
          <div>{strings.ScanCancelled}</div>
          {hasCheckpoint && <div>{strings.ScanCancelledResume}</div>}
        </MessageBar>
      )}

      {result !== undefined && result.method === 'per-user' && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          <div>
            <strong>{strings.ScanPerUserHeading}</strong> {result.methodNotice || ''}
          </div>
        </MessageBar>
      )}

      {!scan.running && result === undefined && scan.failure === undefined && scan.cancelled !== true && <p>{strings.ScanNotStarted}</p>}

      <div style={row}>
        {scan.finishedAt !== undefined && <span>{format(strings.ScanLastChecked, formatDateTime(scan.finishedAt))}</span>}
        <DefaultButton
          text={result !== undefined || scan.finishedAt !== undefined ? strings.ScanRecheck : strings.ScanStart}
          disabled={scan.running}
          onClick={props.onRescan}
          aria-describedby={props.headingId + '-recheck-help'}
        />
      </div>
      <p id={props.headingId + '-recheck-help'} style={{ margin: '4px 0 0' }}>
        {strings.ScanRecheckHelp}
      </p>
    </div>
  );
}
