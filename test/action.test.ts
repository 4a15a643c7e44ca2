// The GitHub Action must not override a config: an input that matches a config setting (min-score
// for minScore, fail-on for failOn) is passed on only when the workflow sets it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, shellQuote } from './helpers.js';

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { steps: { id?: string; env?: Record<string, string>; run?: string }[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const check = action.runs.steps.find((step) => step.id === 'check')!;
const configKeys = Object.keys((JSON.parse(readFileSync(join(ROOT, 'schemas/config.schema.json'), 'utf8')) as { properties: object }).properties);
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const overriding = Object.keys(action.inputs).filter((input) => configKeys.map(kebab).includes(input));

/** The environment variable the check step reads an input from. */
function envFor(input: string): string {
  const entry = Object.entries(check.env ?? {}).find(([, value]) => value.replace(/\s/g, '') === `\${{inputs.${input}}}`);
  if (!entry) throw new Error(`the check step does not read input ${input}`);
  return entry[0];
}

/**
 * The arguments the check step gives partner-check for each set of inputs, with `node` replaced by
 * a stub that prints them. One bash runs the step once for each set, in a subshell of its own that
 * has that set's environment and the options GitHub gives a step with `shell: bash`.
 */
function argumentsPassed(sets: Record<string, string>[]): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-action-'));
  writeFileSync(join(dir, 'node'), '#!/bin/sh\nshift\nprintf "%s\\n" "$@"\n');
  chmodSync(join(dir, 'node'), 0o755);
  const env: Record<string, string> = { PATH: `${dir}:${process.env['PATH']}`, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: join(dir, 'output'), RUNNER_TEMP: dir };
  writeFileSync(join(dir, 'step.sh'), check.run!);
  const steps = sets.map((inputs) => {
    const exports = Object.keys(action.inputs).map((input) => `${envFor(input)}=${shellQuote(inputs[input] ?? action.inputs[input]!.default ?? '')}`);
    return `(export ${exports.join(' ')}; set -eo pipefail; . ./step.sh); printf '\\0'`;
  });
  const result = spawnSync('bash', ['--noprofile', '--norc', '-c', steps.join('\n')], { cwd: dir, env, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\0').slice(0, sets.length).map((output) => output.split('\n').filter(Boolean));
}

describe('the GitHub Action and the config', () => {
  it('has inputs that match config settings: min-score and fail-on', () => {
    expect(overriding.sort()).toEqual(['fail-on', 'min-score']);
  });

  it.each(overriding)('%s defaults to empty', (input) => {
    expect(action.inputs[input]!.default).toBe('');
  });

  let leftOut: string[] | undefined;
  let set: string[] | undefined;
  beforeAll(() => {
    [leftOut, set] = argumentsPassed([{ patterns: 'charters' }, { patterns: 'charters', 'min-score': '80', 'fail-on': 'warning' }]);
  });

  it('passes no threshold when the inputs are left out, so the config decides', () => {
    const args = leftOut!;
    expect(args).toContain('charters');
    expect(args).not.toContain('--min-score');
    expect(args).not.toContain('--fail-on');
  });

  it('passes each threshold the workflow sets', () => {
    const args = set!;
    expect(args.join(' ')).toContain('--min-score 80');
    expect(args.join(' ')).toContain('--fail-on warning');
  });
});
