// A file the run writes that could not be written: an -o file, the file a report is appended to, or
// the spool's temporary file. The CLI says `cannot write <file>: <why>` on one line and exits 2.

export class OutputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: unknown,
  ) {
    super(`cannot write ${file}`);
    this.name = 'OutputError';
  }
}
