// Tells a report or summary partner-check wrote (which -o may replace) from any other file (which it
// must not: issue 23, "never a file that is not what the tool wrote there before"). Each format is
// known by what its formatter always writes: the first lines of JSON, SARIF, JUnit, HTML and
// markdown (the markdown summary's first line is a comment saying so), every line of GitHub's
// annotations and charter lines, and stylish's closing line. test/guard.test.ts writes each with
// the tool and then writes over it, so a formatter that changes its first or last line fails there.

const SIGNATURES: RegExp[] = [
  // json (report version 1 and 2)
  /^\{\s*"reportVersion":\s*\d+,\s*"tool":\s*\{\s*"name":\s*"partner-check"/,
  // sarif
  /^\{\s*"\$schema":\s*"[^"]*sarif[^"]*",\s*"version":\s*"2\.1\.0",\s*"runs":\s*\[\s*\{\s*"tool":\s*\{\s*"driver":\s*\{\s*"name":\s*"partner-check"/,
  // junit
  /^<\?xml [^>]*\?>\s*<testsuites name="partner-check"/,
  // html report, html summary
  /^<!doctype html>[\s\S]*?(<p class="tool">partner-check |<meta name="generator" content="partner-check summary">)/i,
  // markdown report, markdown summary
  /^## partner-check readiness\n/,
  /^<!-- partner-check summary:/,
  // github: annotations, and a line for each charter, only
  /^((::(error|warning|notice) |partner-check: )[^\n]*(\n|$))+$/,
];

/** The closing line of stylish: a charter's problem count and verdict, or the run's count of charters. */
const STYLISH_LAST_LINE = /^( {2}[✔✖] \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\); .*|\d+ charters?: \d+ ready, .*)$/;

/** Whether a file, by its start and its end (the whole file when short), is a report or summary partner-check wrote. */
export function isOwnOutput(head: string, tail: string): boolean {
  if (SIGNATURES.some((signature) => signature.test(head))) return true;
  const last = tail.trimEnd().split('\n').at(-1) ?? '';
  return STYLISH_LAST_LINE.test(last);
}
