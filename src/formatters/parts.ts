// Putting a streamed document together from its charters' parts (see StreamingFormatter), a part
// at a time as a run writes it or all at once for a format's whole form.
import type { RunReport } from '../core/report.js';
import type { CharterPart, DocumentLayout, SectionSlot, StreamingFormatter, WrittenParts } from './types.js';

/** The section every part has text in (CharterPart.text). */
export const CHARTERS: SectionSlot = { section: 'charters' };

/** Counts the parts written, adds up their totals and folds their extras; says what goes before each part. */
export class PartsWritten implements WrittenParts {
  parts = 0;
  readonly totals: Record<string, number> = {};
  kept: unknown = undefined;

  /** The text to write in the `charters` section for this part: nothing for an empty one, the separator before all but the first. */
  add(part: CharterPart, format: Pick<StreamingFormatter, 'separator' | 'fold'>): string {
    for (const [name, value] of Object.entries(part.totals ?? {})) this.totals[name] = (this.totals[name] ?? 0) + value;
    if (part.extra !== undefined && format.fold) this.kept = format.fold(this.kept, part.extra);
    if (part.text === '') return '';
    return this.parts++ === 0 ? part.text : format.separator + part.text;
  }
}

/** A document's parts held in memory, section by section, until its envelope lays them out. */
export class DocumentParts {
  readonly written = new PartsWritten();
  private readonly sections = new Map<string, string[]>();

  add(part: CharterPart, format: Pick<StreamingFormatter, 'separator' | 'fold'>): void {
    this.textOf(CHARTERS.section).push(this.written.add(part, format));
    for (const [section, text] of Object.entries(part.sections ?? {})) this.textOf(section).push(text);
  }

  document(layout: DocumentLayout): string {
    return layout.map((piece) => (typeof piece === 'string' ? piece : (this.sections.get(piece.section) ?? []).join(''))).join('');
  }

  private textOf(section: string): string[] {
    let texts = this.sections.get(section);
    if (!texts) this.sections.set(section, (texts = []));
    return texts;
  }
}

/** The whole document from a streaming formatter: the same bytes as writing it part by part. */
export function wholeDocument(stream: StreamingFormatter, run: RunReport): string {
  const parts = new DocumentParts();
  for (const report of run.charters) parts.add(stream.charter(report), stream);
  return parts.document(stream.envelope(run, parts.written));
}
