import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'AppStrings';
import { format } from '../../common/format';
import type { GuideState, GuideStep } from '../../readiness/guide';
import { LinkList } from '../LinkList';
import { StatusBadge, type BadgeStatus } from '../StatusBadge';
import { whoLabel } from './whoLabel';

export interface AuthorizationGuideProps {
  steps: GuideStep[];
  /** Set when the signed-in admin must forward steps 6–9: the text to copy for the Global admin. */
  forwardMessage?: string;
  /** Copies text to the clipboard; resolves false when the host refuses. */
  copyText(text: string): Promise<boolean>;
}

const STATE_LABEL: Record<GuideState, string> = { done: strings.GuideDone, todo: strings.GuideTodo, blocked: strings.GuideBlocked };
const STATE_BADGE: Record<GuideState, BadgeStatus> = { done: 'pass', todo: 'unknown', blocked: 'fail' };

export function AuthorizationGuide(props: AuthorizationGuideProps): JSX.Element {
  const theme = useTheme();
  const [copyState, setCopyState] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  const item = mergeStyles({ borderTop: `1px solid ${theme.semanticColors.bodyDivider}`, padding: '10px 0' });
  const copy = async (): Promise<void> => {
    if (props.forwardMessage) {
      setCopyState((await props.copyText(props.forwardMessage)) ? 'copied' : 'failed');
    }
  };
  return (
    <div>
      <p>{strings.GuideIntro}</p>
      {props.forwardMessage && (
        <div style={{ marginBottom: 12 }}>
          <h3 style={{ fontSize: 15 }}>{strings.ForwardHeading}</h3>
          <DefaultButton text={strings.CopyForGlobalAdmin} onClick={() => {
              void copy();
            }} />
          <div role="status" aria-live="polite">
            {copyState === 'copied' && <p>{strings.Copied}</p>}
            {copyState === 'failed' && <p>{strings.CopyFailed}</p>}
          </div>
          {copyState === 'failed' && <textarea readOnly value={props.forwardMessage} rows={6} style={{ width: '100%' }} aria-label={strings.CopyForGlobalAdmin} />}
        </div>
      )}
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {props.steps.map((step) => (
          <li key={step.number} className={item} data-step={step.number} data-state={step.state}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
              <h3 style={{ margin: 0, fontSize: 15 }}>
                {format(strings.GuideStep, step.number)}: {step.title}
              </h3>
              <StatusBadge status={STATE_BADGE[step.state]} label={STATE_LABEL[step.state]} />
            </div>
            <p style={{ margin: '4px 0' }}>
              <strong>{strings.Who}: </strong>
              {whoLabel(step.who)}
            </p>
            <p style={{ margin: '4px 0' }}>{step.detail}</p>
            {step.reason && <p style={{ margin: '4px 0' }}>{step.reason}</p>}
            {step.warning && (
              <MessageBar messageBarType={MessageBarType.severeWarning} isMultiline>
                {step.warning}
              </MessageBar>
            )}
            {step.tip && <p style={{ margin: '4px 0' }}>{step.tip}</p>}
            <LinkList links={step.links} margin="4px 0" />
          </li>
        ))}
      </ol>
    </div>
  );
}
