import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'AppStrings';
import type { PathReport } from '../app/connectionReport';
import { answerLabel, connectionReportText, fallbackLabel, outcomeLabel, pathLabel, triedLabel } from './connectionText';
import { dataTableClass } from './styles';

export interface ConnectionReportProps {
  rows: ReadonlyArray<PathReport>;
  copyText(text: string): Promise<boolean>;
  /** The time shown in the copied report (ISO 8601). */
  now: () => string;
}

/**
 * Which way each call went: one row per path (`data-path`, `data-outcome`), with what was tried, the service's answer,
 * its correlation id and the fallback used. "Copy report" gives the same as plain text for a support ticket.
 */
export function ConnectionReport(props: ConnectionReportProps): JSX.Element {
  const theme = useTheme();
  const [copy, setCopy] = React.useState<{ state: 'idle' } | { state: 'copied' } | { state: 'manual'; text: string }>({ state: 'idle' });
  const onCopy = async (): Promise<void> => {
    const text = connectionReportText(props.rows, props.now());
    const done = await props.copyText(text);
    setCopy(done ? { state: 'copied' } : { state: 'manual', text });
  };
  return (
    <div data-testid="connection-report">
      <p style={{ margin: '0 0 8px' }}>{strings.ConnectionIntro}</p>
      <table className={dataTableClass(theme)}>
        <caption>{strings.ConnectionCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{strings.ConnectionPath}</th>
            <th scope="col">{strings.ConnectionOutcome}</th>
            <th scope="col">{strings.ReportTried}</th>
            <th scope="col">{strings.ReportAnswer}</th>
            <th scope="col">{strings.ReportFallback}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.path} data-path={row.path} data-outcome={row.outcome}>
              <th scope="row">{pathLabel(row.path)}</th>
              <td>
                {outcomeLabel(row.outcome)}
                {row.pending ? ` (${strings.ReportPending})` : ''}
              </td>
              <td>
                {triedLabel(row.tried)}
                {row.host ? (
                  <>
                    {' '}
                    <code>{row.host}</code>
                  </>
                ) : null}
              </td>
              <td>
                {row.answer ? (
                  <>
                    <bdi>{answerLabel(row.answer)}</bdi>
                    {row.answer.correlationId ? (
                      <div>
                        {strings.ReportCorrelation}: <code>{row.answer.correlationId}</code>
                      </div>
                    ) : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>{row.fallback ? fallbackLabel(row.fallback) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ marginTop: 8 }}>
        <DefaultButton text={strings.CopyReport} onClick={() => {
            onCopy().catch(() => setCopy({ state: 'manual', text: connectionReportText(props.rows, props.now()) }));
          }} />
      </div>
      <div aria-live="polite">
        {copy.state === 'copied' && <MessageBar messageBarType={MessageBarType.success}>{strings.ReportCopied}</MessageBar>}
        {copy.state === 'manual' && (
          <>
            <MessageBar messageBarType={MessageBarType.warning}>{strings.CopyFailedReport}</MessageBar>
            <textarea readOnly value={copy.text} rows={12} style={{ width: '100%', fontFamily: 'monospace' }} aria-label={strings.CopyReport} />
          </>
        )}
      </div>
    </div>
  );
}
