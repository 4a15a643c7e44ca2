// npm test: the build, then vitest beside the type check and ESLint. The two checks need no test
// to wait for them, and vitest leaves a core idle for part of its run (its system files wait on
// npm, Chromium and tmux), so they take that time instead of their own before it. What they print
// is held and shown after vitest's report. Arguments go to vitest (npm test -- test/cli.test.ts).
import { spawn } from 'node:child_process';

const started = performance.now();

/**
 * Runs an npm script; `held`: its output is kept for later instead of shown as it comes, and npm
 * itself is silent (not for the others: the tests that run npm would inherit its log level).
 */
function npmRun(script, args, held) {
  return new Promise((done) => {
    const child = spawn('npm', ['run', ...(held ? ['--silent'] : []), script, ...(args.length > 0 ? ['--', ...args] : [])], { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.on('close', (code) => done({ script, passed: code === 0, output }));
  });
}

const build = await npmRun('build', [], false);
if (!build.passed) process.exit(1);
const [vitest, ...checks] = await Promise.all([npmRun('vitest', process.argv.slice(2), false), npmRun('typecheck', [], true), npmRun('lint', [], true)]);
for (const check of checks) console.log(`\n${check.script}: ${check.passed ? 'passed' : 'FAILED'}${check.output.trim() ? `\n${check.output.trimEnd()}` : ''}`);
const passed = [vitest, ...checks].every((step) => step.passed);
// The whole run's time, build included: the figure the two-minute goal is measured by.
console.log(`\nnpm test: ${passed ? 'passed' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(passed ? 0 : 1);
