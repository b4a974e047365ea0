import { mergeStyles, type ITheme } from '@fluentui/react/lib/Styling';

/** Text for screen readers only. */
export const visuallyHidden: string = mergeStyles({
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
});

/** A plain data table: full width, left-aligned cells, a themed divider under each row. */
export function dataTableClass(theme: ITheme, captionWeight: 400 | 600 = 400): string {
  return mergeStyles({
    borderCollapse: 'collapse',
    width: '100%',
    marginTop: 8,
    selectors: {
      'th, td': { textAlign: 'left', padding: '4px 8px', borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`, verticalAlign: 'top' },
      caption: { textAlign: 'left', fontWeight: captionWeight, padding: '4px 0' },
    },
  });
}
