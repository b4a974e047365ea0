import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'UsersUiStrings';
import { format } from '../../common/format';
import type { UsersSummary } from './summary';

export interface UsersSummaryViewProps {
  /** Undefined until a scan result exists. */
  summary?: UsersSummary;
  considered?: number;
  /** A scan is running: the count is busy (or still unknown on the first scan). */
  running: boolean;
  headingId: string;
}

interface Bar {
  key: string;
  label: string;
  value: number;
  color: string;
  detail?: string;
}

const CHART_WIDTH = 420;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 70;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;

/** Windows high contrast / forced colours: every mark in the system text colour (the labels carry the meaning). */
const forcedColors: string = mergeStyles({
  selectors: {
    '@media (forced-colors: active)': {
      selectors: {
        rect: { fill: 'CanvasText', stroke: 'CanvasText' },
        'rect[fill="none"]': { fill: 'none' },
        text: { fill: 'CanvasText' },
      },
    },
  },
});

/** Horizontal bars, one per category, with the label and number beside each: readable without its colours. */
function Chart(props: { bars: Bar[]; label: string; textColor: string; trackColor: string }): JSX.Element {
  let max = 0;
  for (let i = 0; i < props.bars.length; i++) {
    max = Math.max(max, (props.bars[i] as Bar).value);
  }
  const barSpace = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = props.bars.length * ROW_HEIGHT;
  return (
    <svg
      role="img"
      aria-label={props.label}
      viewBox={'0 0 ' + String(CHART_WIDTH) + ' ' + String(height)}
      width="100%"
      style={{ maxWidth: CHART_WIDTH, display: 'block' }}
      className={forcedColors}
      focusable="false"
    >
      {props.bars.map((bar, i) => {
        const y = i * ROW_HEIGHT;
        const width = max > 0 && bar.value > 0 ? Math.max(2, (bar.value / max) * barSpace) : 0;
        return (
          <g key={bar.key}>
            <text x={0} y={y + ROW_HEIGHT / 2} dominantBaseline="middle" fontSize={12} fill={props.textColor}>
              {bar.label}
            </text>
            <rect x={LABEL_WIDTH} y={y + (ROW_HEIGHT - BAR_HEIGHT) / 2} width={barSpace} height={BAR_HEIGHT} fill="none" stroke={props.trackColor} strokeWidth={1} />
            {width > 0 && <rect x={LABEL_WIDTH} y={y + (ROW_HEIGHT - BAR_HEIGHT) / 2} width={width} height={BAR_HEIGHT} fill={bar.color} />}
            <text x={LABEL_WIDTH + barSpace + 6} y={y + ROW_HEIGHT / 2} dominantBaseline="middle" fontSize={12} fill={props.textColor}>
              {String(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function UsersSummaryView(props: UsersSummaryViewProps): JSX.Element {
  const theme = useTheme();
  const summary = props.summary;

  const count =
    summary !== undefined ? (
      <strong data-testid="unprovisioned-count" aria-busy={props.running ? true : undefined}>
        {String(summary.unprovisioned)}
      </strong>
    ) : props.running ? (
      <strong data-testid="unprovisioned-count" aria-busy={true}>
        {strings.UnprovisionedCountBusy}
      </strong>
    ) : undefined;

  if (count === undefined) {
    return <></>;
  }

  const bars: Bar[] =
    summary !== undefined
      ? [
          { key: 'provisioned', label: strings.LegendProvisioned, value: summary.provisioned, color: theme.semanticColors.successIcon },
          {
            key: 'requested',
            label: strings.LegendRequested,
            value: summary.requested,
            color: theme.palette.themePrimary,
            detail: summary.overdue > 0 ? format(strings.LegendRequestedOverdue, summary.overdue) : undefined,
          },
          { key: 'not-provisioned', label: strings.LegendNotProvisioned, value: summary.notProvisioned, color: theme.semanticColors.errorIcon },
          {
            key: 'excluded',
            label: strings.LegendExcluded,
            value: summary.excludedTotal,
            color: theme.semanticColors.disabledBodyText,
            detail: format(strings.LegendExcludedDetail, summary.excluded.guests, summary.excluded.disabled, summary.excluded.unlicensed),
          },
        ]
      : [];

  return (
    <div>
      <h3 id={props.headingId}>{strings.SummaryHeading}</h3>
      <p style={{ fontSize: 16 }}>
        {strings.UnprovisionedCountLabel} {count}
      </p>
      {summary !== undefined && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
          <div style={{ flex: '1 1 320px', maxWidth: CHART_WIDTH }}>
            <Chart
              bars={bars}
              textColor={theme.semanticColors.bodyText}
              trackColor={theme.semanticColors.bodyDivider}
              label={format(
                strings.ChartLabel,
                summary.provisioned,
                summary.requested,
                summary.notProvisioned,
                summary.excludedTotal,
                summary.excluded.guests,
                summary.excluded.disabled,
                summary.excluded.unlicensed,
              )}
            />
          </div>
          <div style={{ flex: '1 1 260px' }}>
            {props.considered !== undefined && <p style={{ marginTop: 0 }}>{format(strings.SummaryConsidered, props.considered)}</p>}
            <ul aria-label={strings.ChartLegendLabel} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {bars.map((bar) => (
                <li key={bar.key} style={{ display: 'flex', gap: 8, alignItems: 'baseline', marginBottom: 4 }}>
                  <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false" style={{ flex: 'none' }} className={forcedColors}>
                    <rect x="0.5" y="0.5" width="11" height="11" fill={bar.color} stroke={theme.semanticColors.bodyText} strokeWidth={1} />
                  </svg>
                  <span>
                    <strong>{bar.label}</strong>: {String(bar.value)}
                    {bar.detail !== undefined && <span> — {bar.detail}</span>}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
