/** Fills {0}, {1}… in a localized template (SPFx loc strings are plain templates). */
export function format(template: string, ...args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole: string, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Wraps a name from the tenant (a display name, a publisher) in Unicode directional isolates (FSI … PDI), so a
 * right-to-left name cannot reorder the sentence around it — in the page and in copied text alike.
 */
export function isolate(name: string): string {
  return `\u2068${name}\u2069`;
}

/** A moment as the local wall-clock time, hh:mm:ss (24 h): when a wait ends, for "continuing at 14:03:27". */
export function clockTime(moment: string | number | Date): string {
  const date = moment instanceof Date ? moment : new Date(moment);
  const pad = (n: number): string => (n < 10 ? '0' : '') + String(n);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
