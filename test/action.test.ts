// The GitHub Action must not override a config: an input that matches a config setting (min-score
// for minScore, fail-on for failOn) is passed on only when the workflow sets it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

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

/** The arguments the check step gives partner-check, with `node` replaced by a stub that prints them. */
function argumentsPassed(inputs: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'partner-check-action-'));
  writeFileSync(join(dir, 'node'), '#!/bin/sh\nshift\nprintf "%s\\n" "$@"\n');
  chmodSync(join(dir, 'node'), 0o755);
  const env: Record<string, string> = { PATH: `${dir}:${process.env['PATH']}`, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: join(dir, 'output'), RUNNER_TEMP: dir };
  for (const input of Object.keys(action.inputs)) env[envFor(input)] = inputs[input] ?? action.inputs[input]!.default ?? '';
  // As GitHub runs a step with `shell: bash`.
  writeFileSync(join(dir, 'step.sh'), check.run!);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(dir, 'step.sh')], { cwd: dir, env, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean);
}

describe('the GitHub Action and the config', () => {
  it('has inputs that match config settings: min-score and fail-on', () => {
    expect(overriding.sort()).toEqual(['fail-on', 'min-score']);
  });

  it.each(overriding)('%s defaults to empty', (input) => {
    expect(action.inputs[input]!.default).toBe('');
  });

  it('passes no threshold when the inputs are left out, so the config decides', () => {
    const args = argumentsPassed({ patterns: 'charters' });
    expect(args).toContain('charters');
    expect(args).not.toContain('--min-score');
    expect(args).not.toContain('--fail-on');
  });

  it('passes each threshold the workflow sets', () => {
    const args = argumentsPassed({ patterns: 'charters', 'min-score': '80', 'fail-on': 'warning' });
    expect(args.join(' ')).toContain('--min-score 80');
    expect(args.join(' ')).toContain('--fail-on warning');
  });
});
