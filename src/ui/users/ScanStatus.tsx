import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { ProgressIndicator } from '@fluentui/react/lib/ProgressIndicator';
import * as strings from 'UsersUiStrings';
import { clockTime, format } from '../../common/format';
import { askedWaitSeconds } from '../../app/scanWait';
import type { ScanView } from '../../app/state';
import type { TransportWait } from '../../app/transportPorts';
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

/** "Microsoft 365 asked us to wait 90 s (throttled) — continuing at 14:03:27", or the backoff's own wait. */
export function waitText(wait: TransportWait): string {
  return format(wait.asked ? strings.ScanWaitAsked : strings.ScanWaitBackoff, wait.seconds, clockTime(wait.until), wait.status);
}

/** m:ss */
function minutesSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const rest = s % 60;
  return `${Math.floor(s / 60)}:${rest < 10 ? '0' : ''}${rest}`;
}

/** Seconds left until `iso`, updated every second while mounted. */
function useSecondsLeft(iso: string | undefined): number | undefined {
  const [now, setNow] = React.useState(() => Date.now());
  React.useEffect(() => {
    if (iso === undefined) {
      return undefined;
    }
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return iso === undefined ? undefined : Math.max(0, (Date.parse(iso) - now) / 1000);
}

export function ScanStatus(props: ScanStatusProps): JSX.Element {
  const { scan } = props;
  const result = scan.result;
  const progressText = scan.progress ? describeScanProgress(scan.progress) : strings.ScanStarting;
  const hasCheckpoint = scan.checkpoint !== undefined;
  // Throttled: resuming at once only earns another 429, so Resume waits as long as Microsoft 365 asked first.
  const askedWait = hasCheckpoint ? askedWaitSeconds(scan.failure) : undefined;
  const secondsLeft = useSecondsLeft(scan.resumeAt);
  const resumeAction = hasCheckpoint ? (
    <div>
      <PrimaryButton text={askedWait !== undefined ? format(strings.ScanWaitAndContinue, askedWait) : strings.ScanResume} onClick={props.onResumeScan} />
    </div>
  ) : undefined;
  const waiting = !scan.running && scan.resumeAt !== undefined;

  return (
    <div>
      <h3 id={props.headingId}>{strings.ScanHeading}</h3>

      {scan.running && (
        <div>
          <ProgressIndicator label={strings.ScanRunningLabel} percentComplete={scanFraction(scan.progress)} ariaValueText={progressText} />
          <div role="status" aria-live="polite">
            {progressText}
          </div>
          {scan.wait !== undefined && (
            <MessageBar messageBarType={MessageBarType.warning} isMultiline data-testid="scan-wait">
              {waitText(scan.wait)}
            </MessageBar>
          )}
          <div style={row}>
            <DefaultButton text={strings.ScanCancel} onClick={props.onCancelScan} />
          </div>
        </div>
      )}

      {waiting && (
        <MessageBar
          messageBarType={MessageBarType.warning}
          isMultiline
          data-testid="scan-resume-wait"
          actions={
            <div style={{ display: 'flex', gap: 8 }}>
              <PrimaryButton text={strings.ScanContinueNow} onClick={props.onResumeScan} />
              <DefaultButton text={strings.ScanCancelWait} onClick={props.onCancelScan} />
            </div>
          }
        >
          <div role="timer" aria-live="off">
            {format(strings.ScanResumeCountdown, minutesSeconds(secondsLeft ?? 0), clockTime(scan.resumeAt as string))}
          </div>
        </MessageBar>
      )}

      {!scan.running && !waiting && scan.failure !== undefined && (
        <MessageBar
          messageBarType={askedWait !== undefined ? MessageBarType.warning : MessageBarType.error}
          isMultiline
          actions={resumeAction}
        >
          <div>{format(strings.ScanFailed, failureReason(scan.failure))}</div>
          {askedWait !== undefined ? (
            <div>
              {format(
                scan.failure.retryAfterSeconds !== undefined && scan.failure.retryAfterSeconds > 0 ? strings.ScanThrottledAsked : strings.ScanThrottledUnread,
                askedWait,
              )}
            </div>
          ) : (
            <div>{format(hasCheckpoint ? strings.ScanFailedNextStepResume : strings.ScanFailedNextStepRestart, failureNextStep(scan.failure))}</div>
          )}
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
