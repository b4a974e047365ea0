import * as React from 'react';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'MigrationListUiStrings';
import { format } from '../../common/format';
import type { VerdictCounts } from '../../migrationList/types';
import { verdictLabel } from '../../migrationList/verdictText';
import { VERDICT_ORDER } from './verdictLabels';

export interface MappingSummaryProps {
  counts: VerdictCounts;
  total: number;
}

/** The count per verdict (`data-testid="mapping-summary"`, each count in `data-verdict-count`). */
export function MappingSummary(props: MappingSummaryProps): JSX.Element {
  const theme = useTheme();
  return (
    <section data-testid="mapping-summary" aria-label={strings.SummaryHeading} data-total={props.total}>
      <h3 style={{ margin: '12px 0 4px', fontSize: 16 }}>{strings.SummaryHeading}</h3>
      <p style={{ margin: 0 }}>{format(strings.SummaryTotal, props.total)}</p>
      <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {VERDICT_ORDER.map((verdict) => (
          <li
            key={verdict}
            data-verdict-count={verdict}
            data-count={props.counts[verdict]}
            style={{
              padding: '2px 8px',
              border: `1px solid ${theme.semanticColors.bodyDivider}`,
              borderRadius: 2,
              fontWeight: props.counts[verdict] > 0 && verdict !== 'ready' ? 600 : 400,
            }}
          >
            {format(strings.SummaryCount, verdictLabel(verdict), props.counts[verdict])}
          </li>
        ))}
      </ul>
    </section>
  );
}
