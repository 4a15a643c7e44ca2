// Small wording helpers shared by the formatters people read.

/** need → Need */
export function areaTitle(area: string): string {
  return area.charAt(0).toUpperCase() + area.slice(1);
}
