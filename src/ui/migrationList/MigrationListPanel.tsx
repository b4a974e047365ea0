/**
 * "Your migration list": the admin drops, picks or pastes the user mapping they give their migration tool; each row
 * gets a verdict with its reason and next step; the not-provisioned rows can be requested (the pane's existing
 * provisioning request), and the list exported back with its verdicts, or as a PowerShell script. It renders the
 * state it is given and calls back; it never fetches (the file is read here, in the browser, and handed on).
 */
import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { Dropdown, type IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { ProgressIndicator } from '@fluentui/react/lib/ProgressIndicator';
import { getId } from '@fluentui/react/lib/Utilities';
import * as strings from 'MigrationListUiStrings';
import { format } from '../../common/format';
import { writtenDestination } from '../../migrationList/address';
import { checkedFileName, mappingCsv, mappingScript, notProvisionedPositions, requestAddresses } from '../../migrationList/exports';
import type { MigrationListInput } from '../../migrationList/session';
import type { ColumnSource, MigrationListView, RowResolution, Verdict } from '../../migrationList/types';
import { columnName, failureText, parseErrorText, verdictLabel } from '../../migrationList/verdictText';
import { CSV_MIME_TYPE } from '../../provisioning/csv';
import { ConfirmRequestDialog, RequestButton } from '../users/RequestControls';
import { POWERSHELL_MIME_TYPE } from '../../provisioning/powershell';
import type { ScanResult } from '../../provisioning/scan';
import { needsOtherGeo } from '../users/exports';
import { formatDateTime } from '../users/displayText';
import { DropZone } from './DropZone';
import { MappingSummary } from './MappingSummary';
import { MappingTable } from './MappingTable';
import { readFileBytes } from './readFile';
import { VERDICT_ORDER } from './verdictLabels';

export interface MigrationListPanelProps {
  view: MigrationListView;
  /** The last scan's result (its geos, for Multi-Geo requests). */
  scanResult?: ScanResult;
  /** A provisioning request is running (another cannot start). */
  requestRunning: boolean;
  adminUrl: string;
  onLoad(input: MigrationListInput): void;
  onChooseColumn(index: number): void;
  onRetryLookups(): void;
  onCancel(): void;
  onClear(): void;
  /** Request provisioning for these sign-in names (the pane's existing request). */
  onRequest(upns: string[]): void;
  onDownload(fileName: string, content: string, mimeType: string): void;
  /** The time of downloads (tests pass a fixed one). */
  now?: () => Date;
}

/** Rows shown at a time (plain table rows; "Show more" adds as many). */
export const PAGE_SIZE: number = 200;

type Filter = Verdict | 'all';

const toolbar: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 8, marginTop: 8 };
const help: React.CSSProperties = { margin: '4px 0 0' };

function columnSourceText(source: ColumnSource): string {
  switch (source) {
    case 'header':
      return strings.ColumnHeader;
    case 'content':
      return strings.ColumnContent;
    case 'only':
      return strings.ColumnOnly;
    case 'admin':
      return strings.ColumnAdmin;
  }
}

function statusText(view: MigrationListView): string {
  const name = view.fileName || '';
  const rows = view.list ? view.list.rows.length : 0;
  switch (view.phase) {
    case 'reading':
      return format(strings.Reading, name);
    case 'parsing': {
      const p = view.progress;
      const percent = p && p.total ? Math.min(99, Math.floor((p.done / p.total) * 100)) : 0;
      return format(strings.Parsing, name, percent);
    }
    case 'waiting-for-scan':
      return format(view.waitingFor === 'scan-running' ? strings.WaitingScanRunning : strings.WaitingScanNotDone, name, rows);
    case 'resolving':
      return format(strings.Resolving, rows);
    case 'looking-up':
      return format(strings.LookingUp, view.progress ? view.progress.done : 0, view.progress && view.progress.total !== undefined ? view.progress.total : '?');
    case 'done':
      return format(strings.Done, name, rows, view.resolvedAt ? formatDateTime(view.resolvedAt) : '');
    default:
      return '';
  }
}

function MigrationListPanelView(props: MigrationListPanelProps): JSX.Element {
  const { view, onDownload } = props;
  const now = props.now || (() => new Date());
  const [ids] = React.useState(() => {
    const base = getId('mr-migration');
    return { status: base + '-status', exports: base + '-exports', requestReason: base + '-request-reason', scriptHelp: base + '-script-help' };
  });
  const [filter, setFilter] = React.useState<Filter>('all');
  const [limit, setLimit] = React.useState<number>(PAGE_SIZE);
  const [selected, setSelected] = React.useState<ReadonlySet<number>>(() => new Set<number>());
  const [confirming, setConfirming] = React.useState<string[] | undefined>(undefined);
  const [message, setMessage] = React.useState<string>('');
  const [readError, setReadError] = React.useState<string | undefined>(undefined);

  const list = view.list;
  const resolutions = view.phase === 'done' ? view.resolutions : undefined;
  const column = view.column ? view.column.index : 0;

  // A new list (or new verdicts): the filter's page starts again; the selection keeps only rows still not provisioned.
  React.useEffect(() => {
    setLimit(PAGE_SIZE);
  }, [list, filter]);
  React.useEffect(() => {
    setSelected((current) => {
      if (current.size === 0) {
        return current;
      }
      const still = new Set<number>();
      current.forEach((position) => {
        if (resolutions && resolutions[position] && (resolutions[position] as RowResolution).verdict === 'not-provisioned') {
          still.add(position);
        }
      });
      return still.size === current.size ? current : still;
    });
  }, [resolutions]);
  React.useEffect(() => {
    setSelected(new Set<number>());
    setMessage('');
    setFilter('all');
  }, [list]);

  const positions = React.useMemo((): number[] => {
    if (!resolutions) {
      return [];
    }
    const shown: number[] = [];
    for (let i = 0; i < resolutions.length; i++) {
      if (filter === 'all' || (resolutions[i] as RowResolution).verdict === filter) {
        shown.push(i);
      }
    }
    return shown;
  }, [resolutions, filter]);
  const notProvisioned = React.useMemo(() => (resolutions ? notProvisionedPositions(resolutions) : []), [resolutions]);

  const onFile = (file: File): void => {
    setReadError(undefined);
    readFileBytes(file).then(
      (bytes) => props.onLoad({ fileName: file.name || 'list.csv', bytes }),
      (error: unknown) => setReadError(error instanceof Error ? error.message : String(error)),
    );
  };

  const columnOptions = React.useMemo((): IDropdownOption[] => {
    if (!list) {
      return [];
    }
    const options: IDropdownOption[] = [];
    const sample = list.rows[0];
    for (let c = 0; c < list.columnCount; c++) {
      const example = sample ? writtenDestination(sample.cells[c]) : '';
      const name = columnName(list.header, c);
      options.push({ key: c, text: example ? format(strings.ColumnOption, name, example) : format(strings.ColumnOptionEmpty, name) });
    }
    return options;
  }, [list]);

  const filterOptions = React.useMemo((): IDropdownOption[] => {
    const counts = view.counts;
    const options: IDropdownOption[] = [{ key: 'all', text: format(strings.FilterAll, resolutions ? resolutions.length : 0) }];
    for (const verdict of VERDICT_ORDER) {
      options.push({ key: verdict, text: format(strings.FilterVerdict, verdictLabel(verdict), counts ? counts[verdict] : 0) });
    }
    return options;
  }, [view.counts, resolutions]);

  const result = props.scanResult;
  const selectedPositions = React.useMemo(() => Array.from(selected).sort((a, b) => a - b), [selected]);
  const requestBlocked = props.requestRunning ? strings.RequestRunning : selected.size === 0 ? strings.RequestNone : undefined;

  const openConfirm = (): void => {
    if (!resolutions) {
      return;
    }
    const upns = requestAddresses(resolutions, selectedPositions);
    if (upns.length > 0) {
      setConfirming(upns);
    }
  };
  const confirmRequest = (): void => {
    const upns = confirming;
    setConfirming(undefined);
    if (!upns || upns.length === 0 || !resolutions) {
      return;
    }
    // Multi-Geo: users of another geo go to the script (their geo's admin center), never to the default geo's queue.
    const users = new Map<string, RowResolution>();
    for (const position of selectedPositions) {
      const resolution = resolutions[position] as RowResolution;
      if (resolution.user) {
        users.set(resolution.user.upn.toLowerCase(), resolution);
      }
    }
    const here = upns.filter((upn) => {
      const resolution = users.get(upn.toLowerCase());
      return !(resolution && resolution.user && result && needsOtherGeo(resolution.user, result.geos, result.defaultGeo));
    });
    let text = here.length > 0 ? format(strings.RequestSent, here.length) : '';
    if (here.length < upns.length) {
      text += (text ? ' ' : '') + format(strings.GeoLeftOut, upns.length - here.length);
    }
    setMessage(text);
    setSelected(new Set<number>());
    if (here.length > 0) {
      props.onRequest(here);
    }
  };

  const exportCsv = (): void => {
    if (!list || !resolutions) {
      return;
    }
    onDownload(checkedFileName(list.fileName), mappingCsv(list, resolutions), CSV_MIME_TYPE);
    setMessage(format(strings.ExportCsvDone, resolutions.length));
  };
  const scriptPositions = selected.size > 0 ? selectedPositions : notProvisioned;
  const exportScript = (): void => {
    if (!resolutions || scriptPositions.length === 0) {
      return;
    }
    const script = mappingScript(props.adminUrl, resolutions, scriptPositions, now(), result ? result.defaultGeo : undefined);
    onDownload(script.fileName, script.text, POWERSHELL_MIME_TYPE);
    setMessage(format(strings.ExportScriptDone, script.included.length, script.calls));
  };

  const busy = view.phase === 'reading' || view.phase === 'parsing' || view.phase === 'resolving' || view.phase === 'looking-up';
  const progress = view.progress;
  const percent = busy && progress && progress.total ? Math.min(1, progress.done / progress.total) : undefined;
  const shownPositions = positions.length > limit ? positions.slice(0, limit) : positions;

  return (
    <div data-testid="migration-list" data-phase={view.phase}>
      <p style={{ margin: '0 0 4px' }}>{strings.Intro}</p>
      <p style={{ margin: 0, fontWeight: 600 }} data-testid="mapping-privacy">
        {strings.Privacy}
      </p>
      <DropZone onFile={onFile} onText={(text) => props.onLoad({ fileName: strings.PastedName, text })} />

      {readError !== undefined && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline>
          {parseErrorText({ kind: 'unreadable', message: readError })}
        </MessageBar>
      )}

      {view.phase !== 'empty' && (
        <div style={{ marginTop: 12 }}>
          <div role="status" aria-live="polite" id={ids.status} data-testid="mapping-status">
            {statusText(view)}
          </div>
          {busy && <ProgressIndicator {...(percent !== undefined ? { percentComplete: percent } : {})} ariaValueText={statusText(view)} />}
          <div style={toolbar}>
            {busy && <DefaultButton text={strings.Cancel} onClick={props.onCancel} />}
            {!busy && <DefaultButton text={strings.Clear} onClick={props.onClear} />}
          </div>
        </div>
      )}

      {view.phase === 'failed' && view.error !== undefined && (
        <div data-testid="mapping-error">
          <MessageBar messageBarType={MessageBarType.error} isMultiline>
            <strong>{strings.FailedTitle}</strong> {parseErrorText(view.error)} {strings.FailedRest}
          </MessageBar>
        </div>
      )}

      {view.lookups !== undefined && view.lookups.failed > 0 && !busy && (
        <div data-testid="mapping-lookup-failure">
          <MessageBar messageBarType={MessageBarType.warning} isMultiline actions={<DefaultButton text={strings.RetryLookups} onClick={props.onRetryLookups} />}>
            {view.lookups.cancelled
              ? format(strings.LookupCancelled, view.lookups.failed)
              : format(strings.LookupFailed, view.lookups.failed, view.lookups.failure ? failureText(view.lookups.failure) : '')}
          </MessageBar>
        </div>
      )}

      {list !== undefined && view.column !== undefined && (
        <div style={toolbar}>
          <Dropdown
            label={strings.ColumnLabel}
            options={columnOptions}
            selectedKey={view.column.index}
            disabled={list.columnCount < 2 || busy}
            onChange={(_e, option) => {
              if (option && typeof option.key === 'number' && option.key !== column) {
                props.onChooseColumn(option.key);
              }
            }}
            styles={{ root: { minWidth: 260 } }}
          />
          <span style={{ paddingBottom: 6 }}>{columnSourceText(view.column.source)}</span>
        </div>
      )}

      {resolutions !== undefined && list !== undefined && view.counts !== undefined && (
        <>
          <MappingSummary counts={view.counts} total={resolutions.length} />
          <div style={toolbar}>
            <Dropdown
              label={strings.FilterLabel}
              options={filterOptions}
              selectedKey={filter}
              onChange={(_e, option) => setFilter(option ? (String(option.key) as Filter) : 'all')}
              styles={{ root: { minWidth: 220 } }}
            />
            <DefaultButton
              text={format(strings.SelectAllNotProvisioned, notProvisioned.length)}
              disabled={notProvisioned.length === 0 || selected.size === notProvisioned.length}
              onClick={() => setSelected(new Set<number>(notProvisioned))}
            />
            <DefaultButton text={strings.ClearSelection} disabled={selected.size === 0} onClick={() => setSelected(new Set<number>())} />
            <span aria-live="polite" style={{ paddingBottom: 6 }}>
              {format(strings.SelectedCount, selected.size)}
            </span>
          </div>
          <div style={toolbar}>
            <RequestButton text={format(strings.RequestButton, selected.size)} blockedReason={requestBlocked} reasonId={ids.requestReason} onClick={openConfirm} />
          </div>
          <div style={{ marginTop: 8 }}>
            {positions.length === 0 ? (
              <p>{strings.NoRowsShown}</p>
            ) : (
              <MappingTable
                list={list}
                resolutions={resolutions}
                column={column}
                positions={shownPositions}
                selected={selected}
                onToggle={(position, on) =>
                  setSelected((current) => {
                    const next = new Set<number>(current);
                    if (on) {
                      next.add(position);
                    } else {
                      next.delete(position);
                    }
                    return next;
                  })
                }
              />
            )}
          </div>
          <div style={toolbar}>
            <span role="status" aria-live="polite" data-testid="mapping-shown">
              {format(strings.ShowingRows, shownPositions.length, positions.length)}
            </span>
            {positions.length > shownPositions.length && (
              <DefaultButton text={format(strings.ShowMore, Math.min(PAGE_SIZE, positions.length - shownPositions.length))} onClick={() => setLimit(limit + PAGE_SIZE)} />
            )}
          </div>
          <h3 id={ids.exports} style={{ margin: '16px 0 0', fontSize: 16 }}>
            {strings.ExportHeading}
          </h3>
          <div style={toolbar}>
            <DefaultButton text={strings.ExportCsv} iconProps={{ iconName: 'Download' }} data-testid="mapping-export-csv" onClick={exportCsv} />
            <DefaultButton
              text={format(selected.size > 0 ? strings.ExportScriptSelected : strings.ExportScriptAll, scriptPositions.length)}
              iconProps={{ iconName: 'Download' }}
              disabled={scriptPositions.length === 0}
              allowDisabledFocus
              aria-describedby={ids.scriptHelp}
              data-testid="mapping-export-script"
              onClick={exportScript}
            />
          </div>
          <p id={ids.scriptHelp} style={help}>
            {strings.ExportScriptHelp}
          </p>
        </>
      )}
      <p role="status" aria-live="polite" style={help} data-testid="mapping-message">
        {message}
      </p>

      <ConfirmRequestDialog addresses={confirming} texts={strings} onConfirm={confirmRequest} onDismiss={() => setConfirming(undefined)} />
    </div>
  );
}

/** Memoized: the pane re-renders on every scan progress; the list re-renders only when its own inputs change. */
export const MigrationListPanel: React.NamedExoticComponent<MigrationListPanelProps> = React.memo(MigrationListPanelView);
