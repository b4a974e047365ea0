import * as React from 'react';
import { DetailsList, DetailsListLayoutMode, CheckboxVisibility, ConstrainMode } from '@fluentui/react/lib/DetailsList';
import type { IColumn } from '@fluentui/react/lib/DetailsList';
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

/** The virtualized list: it must sit in the scrollable container below for DetailsList to render only what is visible. */
export function UsersTable(props: UsersTableProps): JSX.Element {
  const { sort, onSort } = props;

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
    <div data-is-scrollable="true" style={{ maxHeight: 480, overflow: 'auto', position: 'relative' }}>
      <DetailsList
        items={props.items as RowItem[]}
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
