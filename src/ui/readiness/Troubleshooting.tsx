import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'AppStrings';
import type { TroubleshootingCase } from '../../readiness/troubleshooting';
import { LinkList } from '../LinkList';

/** The seed's troubleshooting cases as disclosures; the ones the live facts point to start open. */
export function Troubleshooting(props: { cases: TroubleshootingCase[] }): JSX.Element {
  const theme = useTheme();
  const code = mergeStyles({
    display: 'block',
    fontFamily: 'Consolas, "Courier New", monospace',
    background: theme.semanticColors.bodyStandoutBackground,
    padding: '6px 8px',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  });
  return (
    <div>
      <p>{strings.TroubleshootingIntro}</p>
      {props.cases.map((item) => (
        <details key={item.id} open={item.expanded} data-case={item.id} data-expanded={item.expanded ? 'true' : 'false'} style={{ marginBottom: 8 }}>
          <summary style={{ cursor: 'pointer', fontWeight: 600 }}>{item.title}</summary>
          {item.body.map((paragraph, index) =>
            item.commands && item.commands.indexOf(paragraph) >= 0 ? (
              <code key={index} className={code}>
                {paragraph}
              </code>
            ) : (
              <p key={index}>{paragraph}</p>
            ),
          )}
          <LinkList links={item.links} />
        </details>
      ))}
    </div>
  );
}
