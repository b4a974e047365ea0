/**
 * Plural forms for loc strings: a count picks the string for its CLDR plural category (Intl.PluralRules), so "1 warning"
 * and "2 warnings" read right in English and languages with more forms can add theirs ("_few", "_many"…).
 */
import { format } from '../common/format';

export interface PluralForms {
  one: string;
  other: string;
  [category: string]: string;
}

function language(): string {
  return typeof document !== 'undefined' && document.documentElement && document.documentElement.lang ? document.documentElement.lang : 'en-US';
}

/** The form for `count`, with {0} filled with the count. */
export function plural(count: number, forms: PluralForms): string {
  let category = count === 1 ? 'one' : 'other';
  try {
    category = new Intl.PluralRules(language()).select(count);
  } catch {
    // An unknown language tag: English rules.
  }
  const template = forms[category] ?? forms.other;
  return format(template, count);
}
