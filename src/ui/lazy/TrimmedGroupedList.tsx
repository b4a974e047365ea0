/**
 * What the production build (gulpfile.js) gives Fluent UI's DetailsList instead of GroupedList. DetailsList imports
 * GroupedList statically but renders it only for `groups`; the pane's lists are never grouped, and GroupedList is
 * ~6 KB gzip of the package. tests/bundle/fluentTrims.test.tsx fails when src/ gives a DetailsList groups; should one
 * slip through, the grouped list is not shown and the console says why. Jest and the demo preview keep Fluent's own.
 */
import * as React from 'react';

let told = false;

export function GroupedList(): JSX.Element {
  if (!told) {
    told = true;
    console.error('Migration Readiness: a DetailsList was given groups, but the production build leaves out Fluent UI\'s GroupedList (gulpfile.js, docs/bundle.md).');
  }
  return <></>;
}
