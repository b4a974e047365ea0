import { initializeIcons } from '@fluentui/react/lib/Icons';

// Register Fluent UI icons once (no CDN: the icon fonts are never fetched in tests).
initializeIcons(undefined, { disableWarnings: true });
