import * as React from 'react';
import { Link } from '@fluentui/react/lib/Link';
import * as strings from 'AppStrings';
import { visuallyHidden } from './styles';

export interface ExternalLinkProps {
  href: string;
  children: React.ReactNode;
}

/** A link that opens outside the pane (a new browser window from SharePoint; the browser from Teams). */
export function ExternalLink(props: ExternalLinkProps): JSX.Element {
  return (
    <Link href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
      <span className={visuallyHidden}> {strings.OpensInNewWindow}</span>
    </Link>
  );
}
