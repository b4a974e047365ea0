import * as React from 'react';
import { DetailsList, DetailsListLayoutMode, CheckboxVisibility, ConstrainMode } from '@fluentui/react/lib/DetailsList';
import type { IColumn, IDetailsList } from '@fluentui/react/lib/DetailsList';
import type { IListProps } from '@fluentui/react/lib/List';
import { SelectionMode } from '@fluentui/react/lib/Selection';
import type { ISelection } from '@fluentui/react/lib/Selection';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'UsersUiStrings';
import { format } from '../../common/format';
import type { UserRow } from '../../app/state';
import type { SortDirection, SortKey } from '../../provisioning/filter';
import type { UserProvisioningStatus } from '../../provisioning/pending';
import { formatDateTime, licenseText } from './displayText';
import type { RowItem } from './rowSelectionModel';

export interface TableSort {
  key: SortKey;
  dir: SortDirection;
}

export interface UsersTableProps {
  items: ReadonlyArray<UserRow>;
  selection: ISelection;
  sort?: TableSort;
  onSort(sort: TableSort): void;
}

export function stateText(status: UserProvisioningStatus): string {
  if (status.state === 'provisioned') {
    return strings.CellProvisioned;
  }
  if (status.state === 'requested') {
    return status.requestedAt !== undefined ? format(strings.CellRequested, formatDateTime(status.requestedAt)) : strings.CellRequestedNoDate;
  }
  return strings.CellNotProvisioned;
}

function StateCell(props: { status: UserProvisioningStatus }): JSX.Element {
  const theme = useTheme();
  const { status } = props;
  return (
    <span>
      {stateText(status)}
      {status.state === 'requested' && status.overdue === true && (
        <span
          title={strings.CellOverdueTitle}
          style={{
            marginLeft: 6,
            padding: '0 6px',
            border: '1px solid ' + theme.semanticColors.errorIcon,
            borderRadius: 2,
            color: theme.semanticColors.errorText,
            fontWeight: 600,
          }}
        >
          {strings.CellOverdue}
        </span>
      )}
    </span>
  );
}

interface ColumnSpec {
  key: SortKey;
  /** The row's header cell: it names the row's checkbox ("Select user Alice"). */
  isRowHeader?: boolean;
  name: string;
  minWidth: number;
  maxWidth: number;
  render: (row: UserRow) => React.ReactNode;
}

const COLUMNS: ColumnSpec[] = [
  { key: 'displayName', isRowHeader: true, name: strings.ColumnName, minWidth: 120, maxWidth: 220, render: (row) => row.user.displayName },
  { key: 'upn', name: strings.ColumnUpn, minWidth: 180, maxWidth: 300, render: (row) => row.user.upn },
  { key: 'license', name: strings.ColumnLicense, minWidth: 100, maxWidth: 140, render: (row) => licenseText(row.user.license) },
  { key: 'department', name: strings.ColumnDepartment, minWidth: 100, maxWidth: 180, render: (row) => row.user.department || '' },
  { key: 'state', name: strings.ColumnState, minWidth: 160, maxWidth: 260, render: (row) => <StateCell status={row.status} /> },
];

function rowAriaLabel(item: UserRow): string {
  return format(strings.RowAriaLabel, item.user.displayName, item.user.upn, stateText(item.status));
}

/** A row as Fluent draws it: 42 px and a 1 px border (cells do not wrap). Measured again once rows are on screen. */
export const ROW_HEIGHT = 43;
/** Fluent List's own default. */
const ROWS_PER_PAGE = 10;

/**
 * Page heights from the row height, so the List does not measure its pages: without them it reads every rendered
 * page's height after each new `items` (a layout forced per keystroke, bench/README.md).
 *
 * `rowCount` gives the number of rows being shown. Not the List's own `items` argument: while the List takes new items
 * it still passes the previous ones, and a short previous list would make every page past its end 0 px high (and then
 * every page "visible").
 */
export function pagedListProps(rowHeight: number, rowCount: () => number): IListProps<RowItem> {
  return {
    getItemCountForPage: () => ROWS_PER_PAGE,
    getPageHeight: (itemIndex?: number, _visibleRect?: unknown, itemCount?: number) => {
      const count = Math.min(itemCount || ROWS_PER_PAGE, rowCount() - (itemIndex || 0));
      return Math.max(1, count) * rowHeight;
    },
  };
}

/** The height of a rendered row, or undefined when there is none or no layout (tests). */
function renderedRowHeight(container: HTMLElement | undefined): number | undefined {
  const row = container ? container.querySelector('.ms-DetailsRow') : undefined;
  const height = row ? row.getBoundingClientRect().height : 0;
  return height > 0 ? height : undefined;
}

/** The virtualized list: it must sit in the scrollable container below for DetailsList to render only what is visible. */
export function UsersTable(props: UsersTableProps): JSX.Element {
  const { sort, onSort } = props;

  // The row height is read once, from the first row on screen: if the page draws rows taller or shorter than Fluent's
  // default (a minimum font size, say), the page heights follow and the list lays its pages out again.
  const container = React.useRef<HTMLDivElement>(null);
  const detailsList = React.useRef<IDetailsList>(null);
  const rowHeightRead = React.useRef<boolean>(false);
  const [rowHeight, setRowHeight] = React.useState<number>(ROW_HEIGHT);
  const onRowDidMount = React.useCallback((): void => {
    if (rowHeightRead.current) {
      return;
    }
    const height = renderedRowHeight(container.current || undefined);
    if (height !== undefined) {
      rowHeightRead.current = true;
      if (Math.abs(height - ROW_HEIGHT) >= 0.5) {
        setRowHeight(height);
      }
    }
  }, []);
  const shownCount = React.useRef<number>(props.items.length);
  shownCount.current = props.items.length;
  const listProps = React.useMemo(() => pagedListProps(rowHeight, () => shownCount.current), [rowHeight]);
  React.useEffect(() => {
    if (rowHeight !== ROW_HEIGHT && detailsList.current) {
      detailsList.current.forceUpdate();
    }
  }, [rowHeight]);

  const columns: IColumn[] = React.useMemo(
    () =>
      COLUMNS.map((spec) => {
        const sorted = sort !== undefined && sort.key === spec.key;
        const column: IColumn = {
          key: spec.key,
          name: spec.name,
          minWidth: spec.minWidth,
          maxWidth: spec.maxWidth,
          isResizable: true,
          isRowHeader: spec.isRowHeader === true,
          isSorted: sorted,
          isSortedDescending: sorted && sort !== undefined && sort.dir === 'desc',
          sortAscendingAriaLabel: strings.SortedAscending,
          sortDescendingAriaLabel: strings.SortedDescending,
          onRender: (item?: UserRow) => (item ? spec.render(item) : undefined),
          onColumnClick: () => {
            onSort({ key: spec.key, dir: sorted && sort !== undefined && sort.dir === 'asc' ? 'desc' : 'asc' });
          },
        };
        return column;
      }),
    [sort, onSort],
  );

  return (
    <div ref={container} data-is-scrollable="true" style={{ maxHeight: 480, overflow: 'auto', position: 'relative' }}>
      <DetailsList
        componentRef={detailsList}
        items={props.items as RowItem[]}
        listProps={listProps}
        onRowDidMount={onRowDidMount}
        columns={columns}
        selection={props.selection}
        selectionMode={SelectionMode.multiple}
        checkboxVisibility={CheckboxVisibility.always}
        selectionPreservedOnEmptyClick={true}
        setKey="unprovisioned-users"
        layoutMode={DetailsListLayoutMode.justified}
        constrainMode={ConstrainMode.unconstrained}
        ariaLabelForGrid={strings.GridLabel}
        ariaLabelForSelectAllCheckbox={strings.SelectAllAriaLabel}
        ariaLabelForSelectionColumn={strings.SelectionColumnAriaLabel}
        checkButtonAriaLabel={strings.SelectRowAriaLabel}
        getRowAriaLabel={rowAriaLabel}
        useFastIcons={true}
      />
    </div>
  );
}
