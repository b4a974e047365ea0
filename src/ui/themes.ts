import { createTheme, type IPartialTheme as PartialTheme, type ITheme as Theme } from '@fluentui/react/lib/Styling';

/** Teams' three themes as Fluent UI 8 themes. */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

const light: PartialTheme = {};

const dark: PartialTheme = {
  isInverted: true,
  palette: {
    themePrimary: '#7f85f5',
    themeLighterAlt: '#05050a',
    themeLighter: '#141527',
    themeLight: '#262848',
    themeTertiary: '#4c5091',
    themeSecondary: '#7075d5',
    themeDarkAlt: '#8c91f6',
    themeDark: '#9ea3f7',
    themeDarker: '#b9bcf9',
    neutralLighterAlt: '#2d2c2c',
    neutralLighter: '#363535',
    neutralLight: '#434242',
    neutralQuaternaryAlt: '#4b4a4a',
    neutralQuaternary: '#525151',
    neutralTertiaryAlt: '#6f6e6e',
    neutralTertiary: '#c8c8c8',
    neutralSecondary: '#d0d0d0',
    neutralPrimaryAlt: '#dadada',
    neutralPrimary: '#ffffff',
    neutralDark: '#f4f4f4',
    black: '#f8f8f8',
    white: '#1f1f1f',
  },
  semanticColors: {
    successIcon: '#92c353',
    warningIcon: '#f8d22a',
    errorIcon: '#f1707b',
  },
};

const contrast: PartialTheme = {
  isInverted: true,
  palette: {
    themePrimary: '#ffff01',
    themeDarkAlt: '#ffff01',
    themeDark: '#ffff01',
    themeDarker: '#ffff01',
    neutralPrimary: '#ffffff',
    neutralDark: '#ffffff',
    black: '#ffffff',
    white: '#000000',
    neutralLighterAlt: '#000000',
    neutralLighter: '#000000',
    neutralLight: '#1a1a1a',
    neutralSecondary: '#ffffff',
    neutralTertiary: '#ffffff',
  },
  semanticColors: {
    bodyBackground: '#000000',
    bodyText: '#ffffff',
    bodySubtext: '#ffffff',
    bodyDivider: '#ffffff',
    link: '#ffff01',
    linkHovered: '#ffff01',
    successIcon: '#3ff23f',
    warningIcon: '#ffff01',
    errorIcon: '#ff6a6a',
    bodyStandoutBackground: '#000000',
  },
};

export function teamsTheme(name: TeamsThemeName): Theme {
  return createTheme(name === 'dark' ? dark : name === 'contrast' ? contrast : light);
}
