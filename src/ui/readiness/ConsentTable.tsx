import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import * as strings from 'AppStrings';
import type { ConsentRow } from '../../readiness/check';

const tableClass = mergeStyles({
  borderCollapse: 'collapse',
  width: '100%',
  marginTop: 8,
  selectors: {
    'th, td': { textAlign: 'left', padding: '4px 8px', borderBottom: '1px solid', verticalAlign: 'top' },
    caption: { textAlign: 'left', fontWeight: 600, padding: '4px 0' },
  },
});

function yesNo(value: boolean): string {
  return value ? strings.Yes : strings.No;
}

export function ConsentTable(props: { rows: ConsentRow[] }): JSX.Element {
  return (
    <table className={tableClass} data-testid="consent-table">
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
