import * as React from 'react';
import { ActionButton } from '@fluentui/react/lib/Button';
import { Shimmer, ShimmerElementType } from '@fluentui/react/lib/Shimmer';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'AppStrings';
import { format } from '../../common/format';
import type { CheckId, CheckResult } from '../../readiness/check';
import { LinkList } from '../LinkList';
import { StatusBadge } from '../StatusBadge';
import { ConsentTable } from './ConsentTable';
import { whoLabel } from './whoLabel';

export interface CheckCardProps {
  id: CheckId;
  title: string;
  /** Undefined while the facts for the check are being gathered. */
  result?: CheckResult;
  /** A passing check: one line that expands to the evidence. */
  collapsible?: boolean;
}

/** One check: status (icon + text), evidence, the exact next step and who must take it. */
export function CheckCard(props: CheckCardProps): JSX.Element {
  const theme = useTheme();
  const [expanded, setExpanded] = React.useState(false);
  const collapsed = props.collapsible === true && !expanded;
  const bodyId = `check-${props.id}-body`;
  const { result } = props;
  const running = !result || result.running === true;
  const status = running ? 'running' : result.status;
  const headingId = `check-${props.id}-title`;
  const card = mergeStyles({
    border: `1px solid ${theme.semanticColors.bodyDivider}`,
    borderLeft: `4px solid ${status === 'pass' ? theme.semanticColors.successIcon : status === 'fail' ? theme.semanticColors.errorIcon : status === 'warn' ? theme.semanticColors.warningIcon : theme.semanticColors.bodyDivider}`,
    borderRadius: 4,
    padding: props.collapsible ? '6px 16px' : '12px 16px',
    background: theme.semanticColors.bodyBackground,
    color: theme.semanticColors.bodyText,
  });
  const header = mergeStyles({ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12, flexWrap: 'wrap' });
  return (
    <article className={card} data-check-id={props.id} data-status={status} aria-labelledby={headingId} aria-busy={running}>
      <div className={header}>
        <h3 id={headingId} style={{ margin: 0, fontSize: 16 }}>
          {result ? result.title : props.title}
        </h3>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          {props.collapsible && (
            <ActionButton
              aria-expanded={expanded}
              aria-controls={bodyId}
              iconProps={{ iconName: expanded ? 'ChevronUp' : 'ChevronDown' }}
              text={expanded ? strings.HideEvidence : strings.ShowEvidence}
              onClick={() => setExpanded(!expanded)}
              styles={{ root: { height: 24 } }}
            />
          )}
          <StatusBadge status={status} />
        </div>
      </div>
      {!result ? (
        <div aria-label={strings.ChecksLoadingLabel} role="presentation" style={{ marginTop: 8 }}>
          <Shimmer shimmerElements={[{ type: ShimmerElementType.line, height: 12, width: '80%' }]} />
          <Shimmer shimmerElements={[{ type: ShimmerElementType.line, height: 12, width: '60%' }]} style={{ marginTop: 6 }} />
        </div>
      ) : (
        <div id={bodyId} hidden={collapsed}>
          <CheckBody result={result} />
        </div>
      )}
    </article>
  );
}

function CheckBody(props: { result: CheckResult }): JSX.Element {
  const { result } = props;
  return (
    <div>
      {result.causedBy && result.status !== 'pass' && (
        <p style={{ margin: '8px 0 0' }} data-caused-by={result.causedBy.id}>
          <strong>{format(strings.CausedBy, result.causedBy.title)}</strong>
        </p>
      )}
      {result.evidence.length > 0 && (
        <div>
          <h4 style={{ margin: '8px 0 2px', fontSize: 13 }}>{strings.Evidence}</h4>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {result.evidence.map((line, index) => (
              <li key={index} dir="auto">
                {line}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.nextStep && (
        <p style={{ margin: '8px 0 0' }}>
          <strong>{strings.NextStep}: </strong>
          {result.nextStep}
        </p>
      )}
      {result.who && result.status !== 'pass' && (
        <p style={{ margin: '4px 0 0' }}>
          <strong>{strings.Who}: </strong>
          {whoLabel(result.who)}
        </p>
      )}
      {result.consentTable && result.consentTable.length > 0 && <ConsentTable rows={result.consentTable} />}
      <LinkList links={result.links} />
    </div>
  );
}
