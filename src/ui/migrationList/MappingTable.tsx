import * as React from 'react';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'MigrationListUiStrings';
import { format } from '../../common/format';
import { writtenDestination } from '../../migrationList/address';
import type { MappingRow, ParsedList, RowResolution, Verdict } from '../../migrationList/types';
import { fixText, reasonText, verdictLabel } from '../../migrationList/verdictText';
import { dataTableClass, visuallyHidden } from '../styles';

export interface MappingTableProps {
  list: ParsedList;
  resolutions: ReadonlyArray<RowResolution>;
  column: number;
  /** Positions (in list.rows) of the rows to show, in order. */
  positions: ReadonlyArray<number>;
  /** Positions selected for the OneDrive request. */
  selected: ReadonlySet<number>;
  onToggle(position: number, selected: boolean): void;
}

/** Long addresses (a guest's #EXT# sign-in name) wrap inside their cell instead of widening the table. */
const breakAnywhere: React.CSSProperties = { overflowWrap: 'anywhere', wordBreak: 'break-word', minWidth: 120 };

/** The verdict's mark (a border beside its label, which keeps the text's own contrast). */
function verdictColor(verdict: Verdict, success: string, warning: string, error: string): string {
  if (verdict === 'ready') {
    return success;
  }
  return verdict === 'requested' || verdict === 'duplicate' || verdict === 'unknown' ? warning : error;
}

/**
 * The rows with their verdict. Each row element carries `data-mapping-row` (its line), `data-destination` (the
 * destination as written) and `data-verdict` (a contract). A plain table: the section shows a page of rows at a time.
 */
export function MappingTable(props: MappingTableProps): JSX.Element {
  const theme = useTheme();
  const colors = theme.semanticColors;
  const { list, resolutions, column } = props;
  return (
    <table className={dataTableClass(theme)} data-testid="mapping-rows">
      <caption className={visuallyHidden}>{strings.TableCaption}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className={visuallyHidden}>{strings.ColumnSelect}</span>
          </th>
          <th scope="col">{strings.ColumnLine}</th>
          <th scope="col">{strings.ColumnDestination}</th>
          <th scope="col">{strings.ColumnVerdict}</th>
          <th scope="col">{strings.ColumnReason}</th>
          <th scope="col">{strings.ColumnUser}</th>
        </tr>
      </thead>
      <tbody>
        {props.positions.map((position) => {
          const row = list.rows[position] as MappingRow;
          const resolution = resolutions[position] as RowResolution;
          const written = writtenDestination(row.cells[column]);
          const selectable = resolution.verdict === 'not-provisioned';
          return (
            <tr key={position} data-mapping-row={String(row.line)} data-destination={written} data-verdict={resolution.verdict}>
              <td>
                {selectable ? (
                  <input
                    type="checkbox"
                    checked={props.selected.has(position)}
                    aria-label={format(strings.SelectRow, row.line, written)}
                    onChange={(event) => props.onToggle(position, event.target.checked)}
                  />
                ) : null}
              </td>
              <td>{row.line}</td>
              <td style={breakAnywhere}>
                <bdi>{written}</bdi>
              </td>
              <td style={{ fontWeight: 600, whiteSpace: 'nowrap', borderLeft: `4px solid ${verdictColor(resolution.verdict, colors.successIcon, colors.warningIcon, colors.errorIcon)}` }}>
                {verdictLabel(resolution.verdict)}
              </td>
              <td>
                {reasonText(resolution)}
                {resolution.verdict !== 'ready' && (
                  <div>
                    {strings.NextStep} {fixText(resolution)}
                  </div>
                )}
              </td>
              <td style={breakAnywhere}>
                {resolution.displayName ? <div>{resolution.displayName}</div> : null}
                {resolution.resolvedUpn ? <bdi>{resolution.resolvedUpn}</bdi> : resolution.displayName ? null : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
