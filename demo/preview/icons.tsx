import * as React from 'react';
import { registerIcons } from '@fluentui/react/lib/Styling';

/**
 * Inline SVG stand-ins for the Fluent UI icons the preview shows (SharePoint and Teams provide the icon font; the
 * preview must not fetch it from a CDN).
 */
function svg(d: string): JSX.Element {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

export function registerPreviewIcons(): void {
  registerIcons({
    icons: {
      ChevronDown: svg('M3 6l5 5 5-5'),
      ChevronRight: svg('M6 3l5 5-5 5'),
      ChevronRightMed: svg('M6 3l5 5-5 5'),
      ChevronUp: svg('M3 10l5-5 5 5'),
      CheckMark: svg('M3 8.5l3 3L13 4.5'),
      Completed: svg('M3 8.5l3 3L13 4.5'),
      Cancel: svg('M4 4l8 8M12 4l-8 8'),
      Clear: svg('M4 4l8 8M12 4l-8 8'),
      Info: svg('M8 7v5M8 4.5v1'),
      ErrorBadge: svg('M4 4l8 8M12 4l-8 8'),
      Error: svg('M8 3v6M8 11.5v1.5'),
      Warning: svg('M8 2L15 14H1zM8 6v4'),
      Blocked2: svg('M3 3l10 10M8 1.5a6.5 6.5 0 100 13 6.5 6.5 0 000-13'),
      SortUp: svg('M8 13V3M4 7l4-4 4 4'),
      SortDown: svg('M8 3v10M4 9l4 4 4-4'),
      Search: svg('M10 10l4 4M6.5 2a4.5 4.5 0 100 9 4.5 4.5 0 000-9'),
      Filter: svg('M2 3h12L9 9v4l-2 1V9z'),
      Download: svg('M8 2v9M4 7l4 4 4-4M2 14h12'),
      More: svg('M3 8h.01M8 8h.01M13 8h.01'),
      StatusCircleCheckmark: svg('M4 8.5l2.5 2.5L12 5.5'),
      CircleRing: svg('M8 1.5a6.5 6.5 0 100 13 6.5 6.5 0 000-13'),
      GroupedDescending: svg('M3 6l5 5 5-5'),
      Tag: svg('M2 2h6l6 6-6 6-6-6z'),
    },
  });
}
