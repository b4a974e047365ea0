import * as strings from 'AppStrings';
import type { Who } from '../../readiness/check';

export function whoLabel(who: Who): string {
  switch (who) {
    case 'global-admin':
      return strings.WhoGlobalAdmin;
    case 'sharepoint-admin':
      return strings.WhoSharePointAdmin;
    default:
      return strings.WhoAnyAdmin;
  }
}
