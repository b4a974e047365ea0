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
