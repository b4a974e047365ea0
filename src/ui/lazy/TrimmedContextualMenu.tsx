/**
 * What the production build (gulpfile.js) gives Fluent UI's BaseButton instead of ContextualMenu. Every Fluent button
 * — and MessageBar, Dialog and SearchBox through theirs — imports ContextualMenu statically for `menuProps`, which
 * puts the menu with its Callout and FocusZone (~25 KB gzip) in the entry chunk and ~10 KB gzip in the package,
 * although no button of the pane opens a menu. tests/bundle/fluentTrims.test.tsx fails when src/ gives a button a
 * menu (menuProps, menuAs, split); should one slip through, the menu is simply not shown and the console says why —
 * the button itself still works. Jest and the demo preview keep Fluent's own ContextualMenu.
 */
import * as React from 'react';

let told = false;

export function ContextualMenu(): JSX.Element {
  if (!told) {
    told = true;
    console.error('Migration Readiness: a button asked for a menu, but the production build leaves out Fluent UI\'s ContextualMenu (gulpfile.js, docs/bundle.md).');
  }
  return <></>;
}
