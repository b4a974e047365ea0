import * as React from 'react';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'AppStrings';
import type { ConsentRow } from '../../readiness/check';
import { dataTableClass } from '../styles';


function yesNo(value: boolean): string {
  return value ? strings.Yes : strings.No;
}

export function ConsentTable(props: { rows: ConsentRow[] }): JSX.Element {
  const theme = useTheme();
  return (
    <table className={dataTableClass(theme, 600)} data-testid="consent-table">
      <caption>{strings.ConsentTableCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{strings.ConsentScope}</th>
          <th scope="col">{strings.ConsentAllows}</th>
          <th scope="col">{strings.ConsentRequired}</th>
          <th scope="col">{strings.ConsentTenantWide}</th>
          <th scope="col">{strings.ConsentPerUser}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.scope}>
            <th scope="row">{row.scope}</th>
            <td>{row.allows}</td>
            <td>{yesNo(row.required)}</td>
            <td>{yesNo(row.grantedTenantWide)}</td>
            <td>{yesNo(row.grantedPerUserOnly)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
