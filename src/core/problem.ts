// The one shape of an input problem, whatever the file: a charter that cannot be read, a config
// or criteria file at fault, a bad baseline. Each names its file and, where there is one, the line
// and column, in words that fit that kind of file. The CLI prints it on one line and exits 2.

export type ProblemCode =
  | 'read' // missing, unreadable, not a regular file, too large, not text
  | 'syntax' // not YAML (or not JSON, for a baseline)
  | 'content' // YAML, but not what the file must hold
  | 'unsafe'; // a pattern that could stall a run

export interface InputProblem {
  code: ProblemCode;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** `file:line:col: message` (as much of the place as is known). */
export function formatProblem(problem: InputProblem): string {
  const place = problem.file === undefined ? '' : `${problem.file}${problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`}: `;
  return `${place}${problem.message}`;
}

/**
 * Problems that stop the run (a config or criteria file at fault), thrown to the CLI: every fault
 * found in the file, so that one run shows them all, each on its own line.
 */
export class InputError extends Error {
  readonly problems: InputProblem[];

  constructor(...problems: [InputProblem, ...InputProblem[]]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}
