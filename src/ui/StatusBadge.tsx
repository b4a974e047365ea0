import * as React from 'react';
import { useTheme } from '@fluentui/react/lib/Theme';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import * as strings from 'AppStrings';

export type BadgeStatus = 'pass' | 'warn' | 'fail' | 'unknown' | 'running';

const LABEL: Record<BadgeStatus, string> = {
  pass: strings.StatusPass,
  warn: strings.StatusWarn,
  fail: strings.StatusFail,
  unknown: strings.StatusUnknown,
  running: strings.StatusRunning,
};

/** Shape per status, so the status never rests on colour alone (the text label is always shown too). */
function Glyph(props: { status: BadgeStatus }): JSX.Element {
  switch (props.status) {
    case 'pass':
      return <path d="M4 8.5l2.5 2.5L12 5.5" fill="none" stroke="currentColor" strokeWidth="2" />;
    case 'warn':
      return (
        <g>
          <path d="M8 2L15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 6v4M8 11.5v1.5" stroke="currentColor" strokeWidth="1.5" />
        </g>
      );
    case 'fail':
      return <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2" />;
    case 'running':
      return <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="4 3" />;
    default:
      return (
        <g>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M6 6.2a2 2 0 113 1.7c-.7.4-1 .8-1 1.6M8 11.2v1.3" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </g>
      );
  }
}

export function StatusBadge(props: { status: BadgeStatus; /** Replaces the status word (e.g. "Done" in the guide). */ label?: string }): JSX.Element {
  const theme = useTheme();
  const colors: Record<BadgeStatus, string> = {
    pass: theme.semanticColors.successIcon,
    warn: theme.semanticColors.warningIcon,
    fail: theme.semanticColors.errorIcon,
    unknown: theme.semanticColors.bodySubtext,
    running: theme.semanticColors.bodySubtext,
  };
  // The glyph carries the status colour; the label stays in body text colour so it always has full contrast.
  const className = mergeStyles({
    display: 'inline-flex',
    alignItems: 'center',
    gap: 6,
    fontWeight: 600,
    color: theme.semanticColors.bodyText,
  });
  const glyph = mergeStyles({
    color: colors[props.status],
    flexShrink: 0,
    selectors: { '@media (forced-colors: active)': { color: 'CanvasText' } },
  });
  return (
    <span className={className} data-badge={props.status}>
      <svg className={glyph} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <Glyph status={props.status} />
      </svg>
      <span>{props.label ?? LABEL[props.status]}</span>
    </span>
  );
}
