// Small wording helpers shared by the formatters people read.

/** need → Need */
export function areaTitle(area: string): string {
  return area.charAt(0).toUpperCase() + area.slice(1);
}

/** Text safe inside HTML (and the HTML that markdown allows). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
