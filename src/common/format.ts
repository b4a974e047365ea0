/** Fills {0}, {1}… in a localized template (SPFx loc strings are plain templates). */
export function format(template: string, ...args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole: string, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
