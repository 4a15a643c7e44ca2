// The command-line program: parses arguments, loads the setup, runs a command, returns the exit
// code. With terminal.ts, the only place that touches the process.
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatProblem, InputError } from '../core/problem.js';
import { FORMAT_NAMES } from '../formatters/index.js';
import { packageVersion } from '../io/builtin.js';
import { configSearchStart } from '../io/config-file.js';
import { DEFAULT_MAX_FILE_SIZE } from '../io/read-text.js';
import { describeWriteError } from '../io/write-file.js';
import { DEFAULT_MIN_SCORE } from '../core/policy.js';
import { EXIT, runCheck, type OutputRequest } from './check.js';
import { printConfig, runCriteriaList, runExplain } from './criteria-commands.js';
import { loadSetup, type ConfigChoice } from './setup.js';
import { printError, processTerminal, withVisibleStderr, type Terminal } from './terminal.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  every charter passes
  1  a charter falls short: below the pass mark, an unwaived critical gap, a structure error,
     a finding at or above --fail-on, or more warnings than --max-warnings
  2  a usage, input or config error (missing file, bad YAML, a charter without its charter: 1
     line, a folder that cannot be searched, unmatched pattern, no charter found, bad option)`;

interface CheckFlags {
  /** A file, or false for --no-config. */
  config?: string | false;
  printConfig?: boolean;
  minScore?: number;
  failOn?: 'error' | 'warning' | 'info' | 'never';
  maxWarnings?: number;
  maxFileSize: number;
  stdinFilepath?: string;
  errorOnUnmatchedPattern: boolean;
  baseline?: string;
  threads?: number;
  cache?: boolean;
  cacheLocation?: string;
  quiet?: boolean;
  force?: boolean;
}

/** The one atomic writer, for the bin to write the bundle's code cache with. */
export { writeFileSafely } from '../io/write-file.js';
/** Whether this thread checked a charter's text: the bin keeps a code cache only from such a run. */
export { checkedACharter } from './read-charters.js';

export async function main(argv: string[], given: Terminal = processTerminal()): Promise<number> {
  const terminal = withVisibleStderr(given);
  const code = await runCommand(argv, terminal);
  // Whatever the command, output that never reached stdout is a failed run: one line, exit 2.
  const stdoutError = await terminal.stdoutError();
  if (stdoutError === null) return code;
  printError(terminal, `cannot write to stdout: ${describeWriteError(stdoutError)}`);
  return EXIT.inputError;
}

async function runCommand(argv: string[], terminal: Terminal): Promise<number> {
  const version = packageVersion();
  let exitCode: number = EXIT.pass;

  const program = new Command('partner-check')
    .description('Check NHS partnership project charters against good-practice criteria and print a scored readiness report.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: terminal.stdout, writeErr: terminal.stderr })
    .showHelpAfterError('(run partner-check --help for usage)');

  // -f and -o pair up in the order given: `-f sarif -o out.sarif -f stylish`.
  const outputs: OutputRequest[] = [];
  program
    .command('check', { isDefault: true })
    .description('check charters (files, directories or globs; - reads stdin) and report (the default command)')
    .argument('[inputs...]', 'charter files, directories (searched for *.yaml, *.yml) or glob patterns')
    .addOption(
      new Option('-f, --format <name>', `output format, repeatable: ${FORMAT_NAMES.join(', ')} (default: stylish; github on GitHub Actions)`).argParser((name: string) => {
        if (!FORMAT_NAMES.includes(name)) throw new InvalidArgumentError(`choose one of ${FORMAT_NAMES.join(', ')}.`);
        outputs.push({ format: name });
        return name;
      }),
    )
    .option('-o, --output <file>', 'write the preceding --format to this file instead of stdout', (name: string) => {
      const file = fileName(name);
      const last = outputs.at(-1);
      if (last && last.file === undefined) last.file = file;
      else outputs.push({ format: '', file });
      return file;
    })
    .option('--baseline <file>', 'an earlier --format json report: show score changes and gaps closed or opened since')
    .option('--force', 'let -o replace a file that is not a partner-check report (never a charter, config or other input)')
    .option('--min-score <n>', `the score a charter needs to pass, 0-100 (default ${DEFAULT_MIN_SCORE})`, parseScore)
    .addOption(new Option('--fail-on <severity>', 'also fail on any finding this severe or worse; never: report only').choices(['error', 'warning', 'info', 'never']))
    .option('--max-warnings <n>', 'fail when the run has more warnings than this', parseCount)
    .option('-c, --config <file>', 'use this config file instead of the nearest partner-check.config.yaml')
    .option('--no-config', 'use no config file at all')
    .option('--print-config', 'print the configuration in effect and exit')
    .option('--stdin-filepath <path>', 'the name to report for a charter read from stdin (-)')
    .option('--no-error-on-unmatched-pattern', 'do not fail when a pattern or directory matches no charter, or the config ignores every file named')
    .option('--max-file-size <size>', 'refuse larger charters, e.g. 500kb, 20mb', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('--quiet', 'print only failing charters and their errors')
    .option('--cache', 'check only charters changed since the last run with --cache (or whose criteria, config or date changed)')
    .option('--cache-location <file>', 'where the cache is kept (default .partner-check-cache)', fileName)
    .option('--threads <n>', 'worker threads to check charters on (0: this thread only; default: for a large run, one for each core beyond two)', parseCount)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (inputs: string[], flags: CheckFlags) => {
      const searchFrom = await configSearchStart(inputs.filter((input) => input !== '-').concat(inputs.includes('-') && flags.stdinFilepath ? [flags.stdinFilepath] : []), terminal.cwd, terminal.files);
      const setup = await loadSetup(configChoice(flags.config, searchFrom, terminal.cwd), terminal);
      if (flags.printConfig) {
        exitCode = printConfig(setup, flags, terminal);
        return;
      }
      if (inputs.length === 0) throw new CommanderError(EXIT.inputError, 'partner-check.noInput', "error: missing charters to check (files, directories or globs; - for stdin)");
      exitCode = await runCheck(inputs, { ...flags, outputs: resolveOutputs(outputs, terminal) }, setup, version, terminal);
    });

  const initCommand = (name: string, description: string, fixing: boolean) =>
    program
      .command(name)
      .description(description)
      .argument(fixing ? '<file>' : '[file]', fixing ? 'the charter to improve' : 'with --fix: the charter to improve')
      .option('--answers <file>', 'take the answers from this YAML file (charter-shaped) instead of asking')
      .option('-o, --output <file>', fixing ? 'write the fixed charter to this file and leave the charter as it is' : 'where to write a new charter (default charter.yaml; with --fix, where to write the fixed one)', fileName)
      .option('--force', 'overwrite an existing file without asking (with --answers); with -o, let it name the charter itself')
      .option('--resume', 'init: go on from the answers kept when a run was stopped (Ctrl-C)')
      .option('-c, --config <file>', 'include the criteria of this config file')
      .option('--no-config', 'use no config file at all')
      .action(async (file: string | undefined, flags: { answers?: string; output?: string; force?: boolean; fix?: boolean; resume?: boolean; config?: string | false }) => {
        const target = fixing || flags.fix ? file : undefined;
        if ((fixing || flags.fix) && !target) throw new CommanderError(EXIT.inputError, 'partner-check.noInput', 'error: --fix needs the charter to improve');
        const { runInit } = await import('./init.js');
        const { fix: _fix, config: _config, ...initOptions } = flags;
        const searchFrom = target ? dirname(resolve(terminal.cwd, target)) : terminal.cwd;
        exitCode = await runInit({ ...initOptions, ...(target ? { fix: target } : {}) }, await loadSetup(configChoice(flags.config, searchFrom, terminal.cwd), terminal), terminal);
      });
  initCommand('init', 'write a new charter by answering questions (--fix FILE: close the gaps of an existing one)', false).option('--fix', 'improve the charter named as the argument');
  initCommand('fix', 'ask only the questions behind a charter\'s gaps and write the answers into it', true);

  program
    .command('summary')
    .description('write the executive summary of a charter for publication (refused while a gate fails; --draft writes one marked as a draft)')
    .argument('<charter>', 'the charter to summarise')
    .addOption(new Option('-f, --format <name>', 'markdown (board papers, repositories) or html (one self-contained page that prints on A4); default: as the -o file\'s extension (.html, .htm, .md), else markdown').choices(['markdown', 'html']))
    .option('-o, --output <file>', 'write the summary to this file instead of stdout', fileName)
    .option('--draft', 'write it even while gates fail, marked on every page as a draft not fit to publish, with the gaps listed at the end')
    .option('--force', 'let -o replace a file that is not a partner-check summary (never the charter or a config)')
    .option('--max-file-size <size>', 'refuse a larger charter, e.g. 500kb, 20mb', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('-c, --config <file>', 'include the criteria of this config file')
    .option('--no-config', 'use no config file at all')
    .action(async (charter: string, flags: { format?: 'markdown' | 'html'; output?: string; draft?: boolean; force?: boolean; maxFileSize: number; config?: string | false }) => {
      const { runSummary } = await import('./summary.js');
      const setup = await loadSetup(configChoice(flags.config, dirname(resolve(terminal.cwd, charter)), terminal.cwd), terminal);
      exitCode = await runSummary(charter, flags, setup, terminal);
    });

  program
    .command('schema')
    .description('print the charter JSON Schema, or write it into a folder of your repository for editors and init to point charters at')
    .option('--write <dir>', 'write charter.schema.json into this folder (made if missing) instead of printing it')
    .option('--force', 'with --write: replace a file there that is not partner-check\'s charter schema')
    .action(async (flags: { write?: string; force?: boolean }) => {
      const { runSchema } = await import('./schema.js');
      exitCode = await runSchema(flags, terminal);
    });

  program
    .command('explain')
    .description("print a criterion's title, weight, advice and source")
    .argument('<id>', 'a criterion id, e.g. PC-GOV-003')
    .option('-c, --config <file>', 'include the criteria of this config file')
    .option('--no-config', 'use no config file at all')
    .action(async (id: string, flags: { config?: string | false }) => {
      exitCode = runExplain(id, await loadSetup(configChoice(flags.config, terminal.cwd, terminal.cwd), terminal), terminal);
    });

  program
    .command('criteria')
    .description('list every criterion')
    .option('-c, --config <file>', 'include the criteria of this config file')
    .option('--no-config', 'use no config file at all')
    .option('--markdown', 'print them as the markdown of docs/criteria.md')
    .action(async (flags: { config?: string | false; markdown?: boolean }) => {
      exitCode = runCriteriaList(await loadSetup(configChoice(flags.config, terminal.cwd, terminal.cwd), terminal), terminal, flags.markdown);
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'partner-check.noInput') terminal.stderr(`${error.message}\n`);
      return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? EXIT.pass : EXIT.inputError;
    }
    if (error instanceof InputError) {
      for (const problem of error.problems) printError(terminal, formatProblem(problem));
      return EXIT.inputError;
    }
    const reason = error instanceof Error ? error.message : String(error);
    printError(terminal, `internal error: ${reason} (set PARTNER_CHECK_DEBUG=1 for details)`);
    if (terminal.env['PARTNER_CHECK_DEBUG']) terminal.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT.inputError;
  }
}

/** No -f: stylish, or GitHub annotations inside GitHub Actions. An -o before any -f takes the default. */
function resolveOutputs(requested: OutputRequest[], terminal: Terminal): OutputRequest[] {
  const fallback = terminal.env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'stylish';
  if (requested.length === 0) return [{ format: fallback }];
  return requested.map((output) => (output.format === '' ? { ...output, format: fallback } : output));
}

/** -c FILE, --no-config, or a search upward from `searchFrom`. */
function configChoice(flag: string | false | undefined, searchFrom: string, cwd: string): ConfigChoice {
  if (flag === false) return { none: true };
  if (typeof flag === 'string') return { file: resolve(cwd, flag) };
  return { searchFrom };
}

/** A file to write: an empty name (`-o ""`) would otherwise mean stdout, or the working folder. */
function fileName(value: string): string {
  if (value === '') throw new InvalidArgumentError('name a file.');
  return value;
}

function parseScore(value: string): number {
  const score = Number(value);
  if (value.trim() === '' || !Number.isFinite(score) || score < 0 || score > 100) throw new InvalidArgumentError('expected a number from 0 to 100.');
  return score;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return Number(value);
}

function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 500kb or 20mb.');
  const unit = (match[2] ?? 'b').toLowerCase()[0]!;
  const multiplier = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * multiplier);
}
