import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import * as strings from 'ReportUiStrings';
import { format } from '../../common/format';
import { REPORT_MIME_TYPE, reportFileName, reportHtml } from '../../report/html';
import type { ReportInput } from '../../report/input';
import { reportSummaryText } from '../../report/text';
import type { HostServices } from '../host';

export interface ReportActionsProps {
  /** The report's input at the moment the admin asks (built only then). */
  input(): ReportInput;
  host: HostServices;
}

/**
 * "Export report" (`data-testid="export-report"`): one self-contained HTML file, downloaded. "Copy summary": a few
 * plain-text lines on the clipboard — or, where the host refuses the clipboard (Teams), shown to copy by hand.
 */
export function ReportActions(props: ReportActionsProps): JSX.Element {
  const [message, setMessage] = React.useState<string>('');
  const [manual, setManual] = React.useState<string | undefined>(undefined);

  const exportReport = (): void => {
    const input = props.input();
    const name = reportFileName(input);
    props.host.download(name, reportHtml(input), REPORT_MIME_TYPE);
    setMessage(format(strings.Exported, name));
  };
  const copySummary = async (): Promise<void> => {
    const text = reportSummaryText(props.input());
    const copied = await props.host.copyText(text);
    setManual(copied ? undefined : text);
    setMessage(copied ? strings.Copied : strings.CopyManual);
  };

  return (
    <div data-testid="readiness-report">
      <p style={{ margin: '0 0 8px' }}>{strings.Intro}</p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <PrimaryButton text={strings.ExportReport} iconProps={{ iconName: 'Download' }} data-testid="export-report" onClick={exportReport} />
        <DefaultButton
          text={strings.CopySummary}
          iconProps={{ iconName: 'Copy' }}
          data-testid="copy-summary"
          onClick={() => {
            void copySummary();
          }}
        />
      </div>
      <p role="status" aria-live="polite" style={{ margin: '4px 0 0' }}>
        {message}
      </p>
      {manual !== undefined && <TextField label={strings.CopyManualLabel} multiline readOnly rows={8} value={manual} />}
    </div>
  );
}
