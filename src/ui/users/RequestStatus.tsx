import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { ProgressIndicator } from '@fluentui/react/lib/ProgressIndicator';
import * as strings from 'UsersUiStrings';
import { clockTime, format } from '../../common/format';
import type { LogView, RequestView } from '../../app/state';
import { summarize, unsentAddresses } from '../../provisioning/requestProvisioning';
import type { ChunkResult } from '../../provisioning/requestProvisioning';
import type { Failure } from '../../common/outcome';
import { failureNextStep, failureReason, isRefusal } from './displayText';

export interface RequestStatusProps {
  request: RequestView;
  onRetryFailed(): void;
  onCancelRequest(): void;
  /** Download the PowerShell fallback for these addresses. */
  onDownloadScript(emails: string[]): void;
}

function chunkText(chunk: ChunkResult, running: boolean): string {
  const number = chunk.index + 1;
  if (chunk.ok) {
    return format(strings.ChunkOk, number, chunk.emails.length);
  }
  if (chunk.attempts === 0) {
    return format(running ? strings.ChunkPending : strings.ChunkNotSent, number, chunk.emails.length);
  }
  return format(strings.ChunkFailed, number, chunk.emails.length, chunk.failure ? failureReason(chunk.failure) : strings.StatusFailed);
}

function lastFailure(chunks: ReadonlyArray<ChunkResult>): Failure | undefined {
  let found: Failure | undefined;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as ChunkResult;
    if (!chunk.ok && chunk.attempts > 0 && chunk.failure !== undefined) {
      found = chunk.failure;
    }
  }
  return found;
}

const actionsStyle: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 8 };

/** Progress and outcome of a provisioning request, chunk by chunk. */
export function RequestStatus(props: RequestStatusProps): JSX.Element {
  const { request } = props;
  const progress = request.progress;
  const state = request.state;
  const chunks: ReadonlyArray<ChunkResult> | undefined = request.running
    ? progress
      ? progress.results
      : state
        ? state.chunks
        : undefined
    : state
      ? state.chunks
      : progress
        ? progress.results
        : undefined;

  const done = !request.running && state !== undefined ? summarize(state) : undefined;
  const alreadyRequested = state !== undefined ? state.chunks.reduce((n, c) => n + (c.alreadyRequested ? c.alreadyRequested.length : 0), 0) : 0;
  const failure = done !== undefined && state !== undefined ? lastFailure(state.chunks) : undefined;
  const unsent = done !== undefined && state !== undefined && (done.failed > 0 || done.notSent > 0) ? unsentAddresses(state) : [];
  const fraction = progress !== undefined && progress.chunksTotal > 0 ? Math.min(1, progress.chunksDone / progress.chunksTotal) : undefined;
  const progressText = progress !== undefined ? format(strings.RequestProgressText, progress.chunksDone, progress.chunksTotal) : '';

  const retryActions = (
    <div style={actionsStyle}>
      <PrimaryButton text={strings.RetryFailed} onClick={props.onRetryFailed} />
      <DefaultButton text={format(strings.DownloadFailedScript, unsent.length)} onClick={() => props.onDownloadScript(unsent)} />
    </div>
  );

  return (
    <div>
      {request.running && (
        <div>
          <ProgressIndicator label={strings.RequestProgressLabel} percentComplete={fraction} ariaValueText={progressText} />
          <div role="status" aria-live="polite">
            {progressText}
          </div>
          {progress !== undefined && progress.waitingFor !== undefined && (
            <MessageBar messageBarType={MessageBarType.info} isMultiline>
              <span data-testid="request-waiting">
                {format(
                  progress.waitingFor.holder.name !== '' ? strings.RequestWaitingFor : strings.RequestWaitingForSomeone,
                  progress.waitingFor.holder.name,
                  clockTime(progress.waitingFor.until),
                )}
              </span>
            </MessageBar>
          )}
          <div style={{ marginTop: 8 }}>
            <DefaultButton text={strings.RequestCancel} onClick={props.onCancelRequest} />
          </div>
        </div>
      )}

      {done !== undefined && (
        <p role="status">{format(strings.RequestSummary, done.succeeded, done.addressesEnqueued, done.failed, done.notSent)}</p>
      )}
      {done !== undefined && alreadyRequested > 0 && <p>{format(strings.RequestAlreadyRequested, alreadyRequested)}</p>}

      {done !== undefined && done.failed > 0 && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline actions={retryActions}>
          <div>{format(strings.RequestFailed, done.failed, failure ? failureReason(failure) : strings.StatusFailed)}</div>
          {failure && isRefusal(failure) ? <div>{strings.RequestFailedKnownIssue}</div> : failure ? <div>{failureNextStep(failure)}</div> : null}
          <div>{strings.RequestFailedNextStep}</div>
        </MessageBar>
      )}

      {done !== undefined && done.failed === 0 && done.notSent > 0 && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline actions={retryActions}>
          {format(strings.RequestCancelled, done.notSent)}
        </MessageBar>
      )}

      {done !== undefined && done.failed === 0 && done.notSent === 0 && done.addressesEnqueued > 0 && (
        <MessageBar messageBarType={MessageBarType.success} isMultiline>
          {format(strings.RequestDoneAll, done.addressesEnqueued)}
        </MessageBar>
      )}

      {state !== undefined && state.leaseWarning !== undefined && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          {state.leaseWarning}
        </MessageBar>
      )}

      {state !== undefined && state.logWarning !== undefined && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          {state.logWarning}
        </MessageBar>
      )}

      {chunks !== undefined && chunks.length > 0 && (
        <div>
          <h4 style={{ marginBottom: 4 }}>{strings.ChunksHeading}</h4>
          <div tabIndex={0} role="region" aria-label={strings.ChunksHeading} style={{ maxHeight: 200, overflow: 'auto' }}>
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {chunks.map((chunk) => (
                <li key={chunk.index} data-chunk-status={chunk.ok ? 'ok' : chunk.attempts === 0 ? 'not-sent' : 'failed'}>
                  {chunkText(chunk, request.running)}
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
    </div>
  );
}

export interface LogNoticesProps {
  log: LogView;
}

/** Where the provisioning log lives, when that needs the admin's attention. */
export function LogNotices(props: LogNoticesProps): JSX.Element {
  const { log } = props;
  return (
    <>
      {log.kind === 'browser' && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          <div>{strings.LogBrowserOnly}</div>
          {log.fallbackReason !== undefined && <div>{format(strings.LogBrowserReason, failureReason(log.fallbackReason))}</div>}
          <div>{strings.LogBrowserNextStep}</div>
        </MessageBar>
      )}
      {log.loadFailure !== undefined && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline>
          {format(strings.LogLoadFailed, failureReason(log.loadFailure))}
        </MessageBar>
      )}
    </>
  );
}
