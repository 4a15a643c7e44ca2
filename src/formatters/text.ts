// Small wording helpers shared by the formatters people read.

/** need → Need, joint-working → Joint working */
export function areaTitle(area: string): string {
  return area.charAt(0).toUpperCase() + area.slice(1).replace(/-/g, ' ');
}

/** `PC-ABPI-R4 (ABPI red 4)`: a gate's id with the checklist question it decides. */
export function gateName(gate: { id: string; label?: string }): string {
  return gate.label ? `${gate.id} (${gate.label})` : gate.id;
}

/** Text safe inside HTML (and the HTML that markdown allows). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `failed gates: PC-NEED-001, PC-ABPI-R3 (ABPI red 3)`, or '' when every gate holds; `label` is the gate's rule's. */
export function failedGatesText(gates: { id: string; status: string }[], label: (id: string) => { label?: string }): string {
  const failed = gates.filter((gate) => gate.status === 'fail');
  return failed.length === 0 ? '' : `failed gates: ${failed.map((gate) => gateName({ id: gate.id, ...label(gate.id) })).join(', ')}`;
}
