import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import * as strings from 'UsersUiStrings';
import { format } from '../../common/format';

export interface UsersExportsProps {
  headingId: string;
  helpId: string;
  /** Rows the CSV holds (the filtered list). */
  csvCount: number;
  /** Addresses the script holds (the selection, else the filtered unprovisioned users). */
  scriptCount: number;
  scriptFromSelection: boolean;
  /** The last export's result, announced politely. */
  message: string;
  onCsv(): void;
  onScript(): void;
}

const toolbar: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 8, marginTop: 8 };
const help: React.CSSProperties = { margin: '4px 0 0' };

/** The list's downloads: CSV of the filtered rows, and the PowerShell script for the selection or the filtered list. */
export function UsersExports(props: UsersExportsProps): JSX.Element {
  return (
    <section aria-labelledby={props.headingId}>
      <h3 id={props.headingId}>{strings.ExportHeading}</h3>
      <div style={toolbar}>
        <DefaultButton text={format(strings.ExportCsv, props.csvCount)} iconProps={{ iconName: 'Download' }} onClick={props.onCsv} />
        <DefaultButton
          text={format(props.scriptFromSelection ? strings.ExportScriptSelected : strings.ExportScriptFiltered, props.scriptCount)}
          iconProps={{ iconName: 'Download' }}
          disabled={props.scriptCount === 0}
          allowDisabledFocus
          aria-describedby={props.helpId}
          onClick={props.onScript}
        />
      </div>
      <p id={props.helpId} style={help}>
        {props.scriptCount === 0 ? strings.ExportScriptNone : strings.ExportScriptHelp}
      </p>
      <p role="status" aria-live="polite" style={help}>
        {props.message}
      </p>
    </section>
  );
}
