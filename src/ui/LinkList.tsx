import * as React from 'react';
import type { CheckLink } from '../readiness/check';
import { ExternalLink } from './ExternalLink';

/** A list of links that open outside the pane (checks, guide steps, troubleshooting cases). */
export function LinkList(props: { links?: CheckLink[]; margin?: string }): JSX.Element {
  if (!props.links || props.links.length === 0) {
    return <></>;
  }
  return (
    <ul style={{ margin: props.margin ?? '8px 0 0', paddingLeft: 20 }}>
      {props.links.map((link) => (
        <li key={link.href}>
          <ExternalLink href={link.href}>{link.label}</ExternalLink>
        </li>
      ))}
    </ul>
  );
}
