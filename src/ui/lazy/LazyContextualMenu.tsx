/**
 * Fluent UI's ContextualMenu, loaded on demand. Every Fluent button (and MessageBar, through its dismiss IconButton)
 * imports ContextualMenu statically for `menuProps`, which puts the menu, its Callout and FocusZone — about 25 KB
 * gzip — in the entry chunk although no button of the pane opens a menu. The production build (gulpfile.js) hands
 * Fluent's BaseButton this module instead of '../../ContextualMenu': a button given `menuProps` still opens its
 * menu, once the chunk is in (nothing shows until then). The menu travels in the "users" chunk, which every session
 * loads right after first paint and which already holds the Callout, Layer and FocusZone the menu is built on; a
 * chunk of its own would add ~2 KB gzip of chunk overhead for a file no session downloads (docs/bundle.md).
 * Only the SPFx bundle uses this module; jest and the demo preview keep Fluent's own import.
 */
import * as React from 'react';
import type { IContextualMenuProps } from '@fluentui/react/lib/ContextualMenu';

const Menu = React.lazy(() =>
  import(/* webpackChunkName: "users" */ '@fluentui/react/lib/ContextualMenu').then((m) => ({ default: m.ContextualMenu })),
);

export function ContextualMenu(props: IContextualMenuProps): JSX.Element {
  return (
    <React.Suspense fallback={<></>}>
      <Menu {...props} />
    </React.Suspense>
  );
}
