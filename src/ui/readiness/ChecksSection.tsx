import * as React from 'react';
import { CHECK_IDS, type CheckResult } from '../../readiness/check';
import { titleOf } from '../../readiness/evaluate';
import { CheckCard } from './CheckCard';

export interface ChecksSectionProps {
  results: CheckResult[];
  /** Facts are being (re)gathered: every check shows as running. */
  gathering: boolean;
}

export function ChecksSection(props: ChecksSectionProps): JSX.Element {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}>
      {CHECK_IDS.map((id) => {
        const result = props.gathering ? undefined : props.results.filter((r) => r.id === id)[0];
        return (
          <li key={id}>
            <CheckCard id={id} title={titleOf(id)} {...(result ? { result } : {})} />
          </li>
        );
      })}
    </ul>
  );
}
