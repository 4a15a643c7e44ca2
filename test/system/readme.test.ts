// The README's quick start as a new user types it in a clone, through the real npx (the other
// README commands run in-process in test/readme.test.ts): `npx partner-check` must find the
// clone's own tool with no network, since the package is not on the registry. One shell for the
// whole block.
import { describe, expect, it } from 'vitest';
import { ROOT, runProcess } from '../helpers.js';
import { EXPECTED, README, SKIPPED, fencedBlocks, readmeCommands } from '../readme.js';

describe('the README quick start, through npx', () => {
  it('runs the clone\'s partner-check offline, with the exit code and verdict the README gives', async () => {
    const heading = README.split('\n').indexOf('## Quick start') + 1;
    const block = fencedBlocks().find((candidate) => candidate.line > heading && candidate.lang === 'sh')!;
    const commands = readmeCommands([block]).filter((command) => !(command.text in SKIPPED));
    expect(commands.length).toBeGreaterThan(0);
    // Each command's exit code on a line of its own after its output.
    const script = commands.map((command) => `${command.text}; echo "@@exit $?"`).join('\n');
    const env: NodeJS.ProcessEnv = { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' };
    delete env['GITHUB_ACTIONS']; // in a job it would pick -f github
    const result = await runProcess('bash', ['-c', script], { cwd: ROOT, env });
    const outputs = result.stdout.split(/^@@exit (\d+)\n/m);
    commands.forEach((command, index) => {
      const expected = EXPECTED[command.text]!;
      const [stdout, code] = [outputs[index * 2]!, outputs[index * 2 + 1]];
      expect(Number(code), `${command.text}\n${result.stderr}`).toBe(expected.code);
      for (const text of expected.stdout ?? []) expect(stdout, command.text).toContain(text);
    });
  }, 600_000);
});
