import * as React from 'react';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'UsersUiStrings';
import { format } from '../../common/format';
import type { LogView } from '../../app/state';
import type { ProvisioningLogEntry } from '../../provisioning/ports';
import { formatDateTime } from './displayText';
import { dataTableClass } from '../styles';

/** How many requests the history shows (newest first); the log itself keeps them all. */
export const HISTORY_ROWS = 20;

function newestFirst(entries: ReadonlyArray<ProvisioningLogEntry>): ProvisioningLogEntry[] {
  return entries.slice().sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : 0));
}

function whom(entry: ProvisioningLogEntry): string {
  const first = entry.emails.slice(0, 3).join(', ');
  return entry.emails.length > 3 ? format(strings.HistoryWhomMore, first, entry.emails.length - 3) : first;
}

/** The provisioning log: who asked, when, for whom, and the result — shared by every admin when it is a SharePoint list. */
export function ProvisioningHistory(props: { log: LogView }): JSX.Element {
  const theme = useTheme();
  const entries = props.log.entries;
  const table = dataTableClass(theme);

  if (entries.length === 0) {
    return <p>{strings.HistoryEmpty}</p>;
  }
  const shown = newestFirst(entries).slice(0, HISTORY_ROWS);
  const where = props.log.kind === 'browser' ? strings.HistoryWhereBrowser : strings.HistoryWhereList;
  return (
    <table className={table} data-testid="provisioning-history">
      <caption>{format(strings.HistoryCaption, shown.length, entries.length, where)}</caption>
      <thead>
        <tr>
          <th scope="col">{strings.HistoryWhen}</th>
          <th scope="col">{strings.HistoryWho}</th>
          <th scope="col">{strings.HistoryFor}</th>
          <th scope="col">{strings.HistoryResult}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.requestedAt)}</td>
            <td>{entry.requestedBy}</td>
            <td>
              <span title={entry.emails.join('\n')}>{whom(entry)}</span> ({format(strings.HistoryCount, entry.emails.length)})
            </td>
            <td>{entry.result === 'enqueued' ? strings.HistoryEnqueued : format(strings.HistoryFailed, entry.detail ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
