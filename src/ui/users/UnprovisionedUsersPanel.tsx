/**
 * The unprovisioned users: scan status, summary and chart, the searchable list with selection, provisioning requests
 * and exports. It renders the state it is given and calls back; it never fetches.
 */
import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { getId } from '@fluentui/react/lib/Utilities';
import * as strings from 'UsersUiStrings';
import { format } from '../../common/format';
import type { LogView, RequestView, ScanView, UserRow } from '../../app/state';
import { ConfirmRequestDialog, RequestButton } from './RequestControls';
import { departments } from '../../provisioning/filter';
import type { StateFilter } from '../../provisioning/filter';
import {
  CSV_FILE_NAME,
  CSV_MIME_TYPE,
  POWERSHELL_MIME_TYPE,
  SCRIPT_FILE_NAME,
  requestScript,
  rowsCsv,
  countUnprovisioned,
  unprovisionedUpns,
  geoCounts,
  needsOtherGeo,
  upnsOf,
} from './exports';
import { LogNotices, RequestStatus } from './RequestStatus';
import { UsersExports } from './UsersExports';
import { UsersFilters } from './UsersFilters';
import { ProvisioningHistory } from './ProvisioningHistory';
import { ScanStatus } from './ScanStatus';
import { summarizeUsers } from './summary';
import { UsersSummaryView } from './UsersSummary';
import { UsersTable } from './UsersTable';
import type { TableSort } from './UsersTable';
import { useRowSelection } from './useRowSelection';
import { useUserIndex } from './useUserIndex';
import { filterNarrowing } from './narrowingFilter';
import type { FilterResult } from './narrowingFilter';

export interface UnprovisionedUsersPanelProps {
  scan: ScanView;
  rows: UserRow[];
  log: LogView;
  request: RequestView;
  adminUrl: string;
  /** Request provisioning for these addresses (UPNs of the selected rows). */
  onRequest(emails: string[]): void;
  /** Re-send the failed (or unsent) chunks only. */
  onRetryFailed(): void;
  onCancelRequest(): void;
  onRescan(): void;
  onCancelScan(): void;
  onResumeScan(): void;
  /** The host saves the file. */
  onDownload(fileName: string, content: string, mimeType: string): void;
}

const toolbar: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 8, marginTop: 8 };

export function UnprovisionedUsersPanel(props: UnprovisionedUsersPanelProps): JSX.Element {
  const { scan, rows, log, request, onDownload, onRequest } = props;
  const [ids] = React.useState(() => {
    const base = getId('mr-users');
    return {
      scan: base + '-scan',
      summary: base + '-summary',
      list: base + '-list',
      search: base + '-search',
      request: base + '-request',
      requestReason: base + '-request-reason',
      history: base + '-history',
      exports: base + '-exports',
      scriptHelp: base + '-script-help',
    };
  });

  // Search, filters and sort: the domain's index is built once per rows, each query is one pass over it.
  const index = useUserIndex(rows);
  const departmentNames = React.useMemo(() => departments(index), [index]);
  const [text, setText] = React.useState<string>('');
  const [stateFilter, setStateFilter] = React.useState<StateFilter>('all');
  const [department, setDepartment] = React.useState<string | undefined>(undefined);
  const [sort, setSort] = React.useState<TableSort | undefined>(undefined);
  // The shown rows and, for the selection, each one's position in `rows`.
  // With no words, no filter and no sort the filter gives every row in directory order: that is `rows` itself, so an
  // emptied search box shows the list again without a pass over it (300,000 rows: ~20 ms a time, bench/README.md).
  const everyRow = React.useMemo((): { shown: UserRow[]; positions: number[] } => {
    const positions: number[] = new Array<number>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      positions[i] = i;
    }
    return { shown: rows, positions };
  }, [rows]);
  // Typing on narrows the previous result (narrowingFilter.ts).
  const lastFilter = React.useRef<FilterResult | undefined>(undefined);
  const filtered = React.useMemo((): { shown: UserRow[]; positions: number[] } => {
    if (text.trim() === '' && stateFilter === 'all' && department === undefined && sort === undefined) {
      lastFilter.current = undefined;
      return everyRow;
    }
    const result = filterNarrowing(index, { text, state: stateFilter, department, sort }, lastFilter.current);
    lastFilter.current = result;
    const positions = result.positions;
    const list: UserRow[] = new Array<UserRow>(positions.length);
    for (let i = 0; i < positions.length; i++) {
      list[i] = rows[positions[i] as number] as UserRow;
    }
    return { shown: list, positions };
  }, [index, rows, everyRow, text, stateFilter, department, sort]);
  const shown = filtered.shown;
  const shownUnprovisionedCount = React.useMemo(() => countUnprovisioned(shown), [shown]);

  const selection = useRowSelection(rows, shown, filtered.positions);
  const [confirming, setConfirming] = React.useState<string[] | undefined>(undefined);
  const [exportMessage, setExportMessage] = React.useState<string>('');


  const result = scan.result;
  const summary = React.useMemo(() => (result !== undefined ? summarizeUsers(result, rows) : undefined), [result, rows]);

  const requestBlocked: string | undefined = request.running
    ? strings.RequestDisabledRunning
    : selection.count === 0
      ? strings.RequestDisabledNoSelection
      : undefined;

  const openConfirm = (): void => {
    const emails = upnsOf(selection.selectedRows());
    if (emails.length > 0) {
      setConfirming(emails);
    }
  };
  const closeConfirm = (): void => setConfirming(undefined);
  const confirmRequest = (): void => {
    const emails = confirming;
    setConfirming(undefined);
    if (emails !== undefined && emails.length > 0) {
      selection.clear();
      // Multi-Geo: users of another geo go to the script (their geo's admin center), never to the default geo's queue.
      const byUpn = new Map(rows.map((row) => [row.user.upn.toLowerCase(), row.user]));
      const here = emails.filter((email) => {
        const user = byUpn.get(email.toLowerCase());
        return !(user && result && needsOtherGeo(user, result.geos, result.defaultGeo));
      });
      if (here.length < emails.length) {
        setExportMessage(format(strings.GeoLeftOut, emails.length - here.length));
      }
      if (here.length > 0) {
        onRequest(here);
      }
    }
  };

  const downloadScript = (emails: string[]): void => {
    if (emails.length === 0) {
      return;
    }
    const script = requestScript(props.adminUrl, emails, new Date(), rows, result ? result.defaultGeo : undefined);
    onDownload(SCRIPT_FILE_NAME, script.text, POWERSHELL_MIME_TYPE);
    let message = format(strings.ExportScriptDone, script.included.length, script.calls);
    if (script.skipped.length > 0) {
      message += ' ' + format(strings.ExportScriptSkipped, script.skipped.length);
    }
    setExportMessage(message);
  };
  const exportCsv = (): void => {
    onDownload(CSV_FILE_NAME, rowsCsv(shown), CSV_MIME_TYPE);
    setExportMessage(format(strings.ExportCsvDone, shown.length));
  };
  const scriptFromSelection = selection.count > 0;
  const scriptCount = scriptFromSelection ? selection.count : shownUnprovisionedCount;
  const downloadListScript = (): void => {
    downloadScript(scriptFromSelection ? upnsOf(selection.selectedRows()) : unprovisionedUpns(shown));
  };

  const selectedText =
    selection.count > selection.shownCount
      ? format(strings.SelectedCountHidden, selection.count, selection.count - selection.shownCount)
      : format(strings.SelectedCount, selection.count);
  const showRequestSection = result !== undefined || request.running || request.state !== undefined || log.kind === 'browser' || log.loadFailure !== undefined;

  return (
    <div>
      <section aria-labelledby={ids.scan}>
        <ScanStatus scan={scan} headingId={ids.scan} onRescan={props.onRescan} onCancelScan={props.onCancelScan} onResumeScan={props.onResumeScan} />
      </section>

      {(result !== undefined || scan.running) && (
        <section aria-labelledby={ids.summary}>
          <UsersSummaryView summary={summary} considered={result ? result.considered : undefined} running={scan.running} headingId={ids.summary} />
        </section>
      )}

      {result !== undefined && result.geos !== undefined && result.geos.length > 1 && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="multi-geo-notice">
          {format(strings.GeoNotice, result.geos.length, geoCounts(rows, strings.GeoNone), result.defaultGeo || strings.GeoDefaultUnknown)}
        </MessageBar>
      )}

      {result !== undefined && (
        <section aria-labelledby={ids.list}>
          <h3 id={ids.list}>{strings.ListHeading}</h3>
          {rows.length === 0 ? (
            <p>{strings.NoRows}</p>
          ) : (
            <>
              <UsersFilters
                searchId={ids.search}
                text={text}
                onText={setText}
                stateFilter={stateFilter}
                onStateFilter={setStateFilter}
                departmentNames={departmentNames}
                department={department}
                onDepartment={setDepartment}
              />
              <div style={toolbar}>
                <span role="status" aria-live="polite" data-testid="users-shown">
                  {format(strings.ShowingCount, shown.length, rows.length)}
                </span>
                <span aria-live="polite">{selectedText}</span>
                <DefaultButton
                  text={format(strings.SelectAllFiltered, shownUnprovisionedCount)}
                  disabled={shownUnprovisionedCount === 0 || selection.shownCount >= shownUnprovisionedCount}
                  onClick={selection.selectAllShown}
                />
                <DefaultButton text={strings.ClearSelection} disabled={selection.count === 0} onClick={selection.clear} />
              </div>
              <div style={{ marginTop: 8 }}>
                <UsersTable items={shown} selection={selection.selection} sort={sort} onSort={setSort} />
              </div>
            </>
          )}
        </section>
      )}

      {showRequestSection && (
        <section aria-labelledby={ids.request}>
          <h3 id={ids.request}>{strings.RequestHeading}</h3>
          <LogNotices log={log} />
          {result !== undefined && rows.length > 0 && (
            <div style={toolbar}>
              <RequestButton text={format(strings.RequestButton, selection.count)} blockedReason={requestBlocked} reasonId={ids.requestReason} onClick={openConfirm} />
            </div>
          )}
          <RequestStatus request={request} onRetryFailed={props.onRetryFailed} onCancelRequest={props.onCancelRequest} onDownloadScript={downloadScript} />
          <h4 id={ids.history}>{strings.HistoryHeading}</h4>
          <ProvisioningHistory log={log} />
        </section>
      )}

      {result !== undefined && rows.length > 0 && (
        <UsersExports
          headingId={ids.exports}
          helpId={ids.scriptHelp}
          csvCount={shown.length}
          scriptCount={scriptCount}
          scriptFromSelection={scriptFromSelection}
          message={exportMessage}
          onCsv={exportCsv}
          onScript={downloadListScript}
        />
      )}

      <ConfirmRequestDialog addresses={confirming} texts={strings} onConfirm={confirmRequest} onDismiss={closeConfirm} />
    </div>
  );
}
