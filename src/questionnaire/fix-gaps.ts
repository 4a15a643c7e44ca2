// fix's questions: the questions behind each gap of a charter, top to bottom, each gap's answers
// written into the charter's text once they are given, going back undoing them.
import { parseCharterText } from '../core/check.js';
import { valueAtPointer } from '../core/pointer.js';
import type { CharterReport, Finding } from '../core/report.js';
import { askContext, askShape, inShapeOrder, type AskContext, type AskFilter } from './ask.js';
import { EditError, setInText } from './edit-text.js';
import { findShape, type Shape } from './fields.js';
import type { Prompter } from './prompter.js';

/** What fix has so far: the charter's text with the answers written in, and what it asked, left alone or could not write. */
export interface FixState {
  text: string;
  answers: Map<string, unknown>;
  leftAlone: Map<string, string>;
  askedAbout: Set<string>;
  /** The places asked: each once in a session. */
  seen: Set<string>;
}

function copyState(state: FixState): FixState {
  return { text: state.text, answers: new Map(state.answers), leftAlone: new Map(state.leftAlone), askedAbout: new Set(state.askedAbout), seen: new Set(state.seen) };
}

/** A gap asked about: the state before it, and its answers as they stand (going back may still change them). */
interface GapAsked {
  /** Its place among the charter's gaps. */
  gap: number;
  pointer: string;
  target: Shape;
  existing: unknown;
  findings: Finding[];
  before: FixState;
  /** The places its questions asked. */
  asks: string[];
  context: AskContext;
}

/** Thrown out of a question once the person went back to an earlier gap and answered again: fix starts over from that gap. */
class StartOver extends Error {}

/**
 * Asks the questions behind each gap of `before`, top to bottom, writing each gap's answers into
 * the text once its questions are done. Going back to an earlier gap's question puts everything
 * back as it was before that gap and goes on from there with the answers as they now stand (an
 * answer may close or open the gaps after it): the gaps answered since are written again, not
 * asked again, and the one being asked is asked again. `check` reports on a text as the caller
 * checks the charter (its criteria, its file's name).
 */
export async function askGaps(text: string, before: CharterReport, shape: Shape, prompter: Prompter, check: (text: string) => CharterReport | null): Promise<FixState> {
  const pointers = gapPointers(before);
  let state: FixState = { text, answers: new Map(), leftAlone: new Map(), askedAbout: new Set(), seen: new Set() };
  const asked: GapAsked[] = [];
  // Gaps answered after the one gone back to, by their place among the gaps.
  const answered = new Map<number, GapAsked>();
  // The earliest gap asked before the one being asked whose answer was changed by going back.
  let changed: number | undefined;
  for (let gap = 0; gap < pointers.length; gap += 1) {
    const pointer = pointers[gap]!;
    // An earlier answer may have closed this gap already.
    const current = check(state.text);
    if (!current || !gapPointers(current).includes(pointer)) continue;
    const target = pointer === '' ? null : findShape(shape, pointer);
    // Read once for the gap: its value as it stands, and (copied by askContext) the whole charter its questions see.
    const data = dataIn(state.text);
    const existing = data === undefined ? undefined : valueAtPointer(data, pointer);
    const findings = current.findings.filter((finding) => finding.pointer === pointer);
    if (!target || (target.type === 'object' && existing !== undefined && existing !== null)) {
      // A gap of the whole charter (a kind of stakeholder missing, say) has no single question.
      for (const finding of findings) state.leftAlone.set(finding.ruleId, 'no single question closes it');
      continue;
    }
    if (target.type === 'field' && existing !== undefined && (target.field.idPrefix !== undefined || target.field.decides)) {
      // An id, or a choice that decides which criteria apply (a partner's type), is answered; the gap is elsewhere (a goal no outcome names).
      for (const finding of findings) state.leftAlone.set(finding.ruleId, `${finding.message.replace(/\.$/, '')}; ${pointer.slice(1)} is answered already (${JSON.stringify(existing)}), so it was not asked`);
      continue;
    }
    const again = answered.get(gap);
    if (again) {
      asked.push(Object.assign(again, { existing, findings, before: copyState(state) }));
      writeGap(state, again);
      continue;
    }
    const entry: GapAsked = { gap, pointer, target, existing, findings, before: copyState(state), asks: [], context: askContext(shape, data) };
    Object.assign(entry.context, {
      correctable: true,
      onAnswer: async () => {
        const place = asked.indexOf(entry);
        if (place !== -1 && place < asked.length - 1) changed = Math.min(changed ?? place, place);
      },
      afterBack: async () => {
        if (changed !== undefined) throw new StartOver();
      },
      dropped: () => !asked.includes(entry),
    });
    asked.push(entry);
    // Each question once in a session: a gap still open after its question was answered is named at the end, not asked again.
    const once: AskFilter = { asks: () => true, addsTo: () => once, seen: state.seen };
    try {
      await askShape(target, pointer, prompter, existing, once, entry.context);
    } catch (error) {
      if (!(error instanceof StartOver) || changed === undefined) throw error;
      const since = asked.splice(changed);
      since.pop(); // the gap being asked: asked again
      for (const done of since) answered.set(done.gap, done);
      state = copyState(since[0]!.before);
      gap = since[0]!.gap - 1;
      changed = undefined;
      continue;
    }
    entry.asks = [...state.seen].filter((place) => !entry.before.seen.has(place));
    writeGap(state, entry);
  }
  return state;
}

/** Writes a gap's answers, as they stand, into the text. */
function writeGap(state: FixState, { pointer, target, existing, findings, context, asks }: GapAsked): void {
  state.askedAbout.add(pointer);
  for (const place of asks) state.seen.add(place);
  const given = valueAtPointer(context.doc, pointer);
  const answer = given === undefined ? undefined : inShapeOrder(target, given);
  try {
    if (target.type === 'list' && Array.isArray(existing) && Array.isArray(answer)) {
      // Append the new items one by one, so the existing ones keep their text.
      for (let index = existing.length; index < answer.length; index += 1) state.text = setInText(state.text, `${pointer}/${index}`, answer[index]);
      if (answer.length > existing.length) state.answers.set(pointer, answer);
    } else if (answer !== undefined && JSON.stringify(answer) !== JSON.stringify(existing)) {
      state.text = setInText(state.text, pointer, answer);
      state.answers.set(pointer, answer);
    }
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    for (const finding of findings) state.leftAlone.set(finding.ruleId, error.message);
  }
}

/** The places of a charter's gaps, top to bottom, each once. */
function gapPointers(report: CharterReport): string[] {
  return [...new Set(report.findings.filter((finding) => finding.area !== 'structure').map((finding) => finding.pointer))];
}

/** A charter's data; undefined when its text does not parse. */
function dataIn(text: string): unknown {
  // Read as a check reads it: the fast path, and the yaml package only where it declines.
  const parsed = parseCharterText(text);
  return parsed.ok ? parsed.value.data : undefined;
}
