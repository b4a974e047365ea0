import * as React from 'react';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import type { IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { Label } from '@fluentui/react/lib/Label';
import { SearchBox } from '@fluentui/react/lib/SearchBox';
import * as strings from 'UsersUiStrings';
import type { StateFilter } from '../../provisioning/filter';

export interface UsersFiltersProps {
  searchId: string;
  text: string;
  onText(text: string): void;
  stateFilter: StateFilter;
  onStateFilter(filter: StateFilter): void;
  departmentNames: ReadonlyArray<string>;
  /** undefined: all departments; '': users without a department. */
  department: string | undefined;
  onDepartment(department: string | undefined): void;
}

const ALL = 'all';
const NO_DEPARTMENT = 'none';
const DEPARTMENT_PREFIX = 'd:';

const STATE_OPTIONS: IDropdownOption[] = [
  { key: 'all', text: strings.StateAll },
  { key: 'not-provisioned', text: strings.StateNotProvisioned },
  { key: 'requested', text: strings.StateRequested },
  { key: 'overdue', text: strings.StateOverdue },
  { key: 'provisioned', text: strings.StateProvisioned },
];

function isStateFilter(key: string): key is StateFilter {
  return key === 'all' || key === 'not-provisioned' || key === 'requested' || key === 'overdue' || key === 'provisioned';
}

const toolbar: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 8, marginTop: 8 };

/** Search, state and department filters of the users list. */
export function UsersFilters(props: UsersFiltersProps): JSX.Element {
  const { departmentNames, department } = props;
  const departmentOptions = React.useMemo((): IDropdownOption[] => {
    const options: IDropdownOption[] = [
      { key: ALL, text: strings.DepartmentAll },
      { key: NO_DEPARTMENT, text: strings.DepartmentNone },
    ];
    for (let i = 0; i < departmentNames.length; i++) {
      const name = departmentNames[i] as string;
      options.push({ key: DEPARTMENT_PREFIX + name, text: name });
    }
    return options;
  }, [departmentNames]);
  const departmentKey = department === undefined ? ALL : department === '' ? NO_DEPARTMENT : DEPARTMENT_PREFIX + department;
  return (
    <div style={toolbar}>
      <div style={{ flex: '1 1 260px', maxWidth: 360 }}>
        <Label htmlFor={props.searchId}>{strings.SearchLabel}</Label>
        <SearchBox id={props.searchId} placeholder={strings.SearchPlaceholder} value={props.text} onChange={(_e, value) => props.onText(value || '')} />
      </div>
      <Dropdown
        label={strings.StateFilterLabel}
        options={STATE_OPTIONS}
        selectedKey={props.stateFilter}
        onChange={(_e, option) => {
          const key = option ? String(option.key) : ALL;
          props.onStateFilter(isStateFilter(key) ? key : 'all');
        }}
        styles={{ root: { minWidth: 180 } }}
      />
      <Dropdown
        label={strings.DepartmentFilterLabel}
        options={departmentOptions}
        selectedKey={departmentKey}
        onChange={(_e, option) => {
          const key = option ? String(option.key) : ALL;
          props.onDepartment(key === ALL ? undefined : key === NO_DEPARTMENT ? '' : key.substring(DEPARTMENT_PREFIX.length));
        }}
        styles={{ root: { minWidth: 180 } }}
      />
    </div>
  );
}
