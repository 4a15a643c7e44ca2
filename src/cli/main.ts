// The command-line program: parses arguments, loads criteria, runs a command, returns the exit
// code. The only module (with terminal.ts) that touches the process.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { compileCriteria, CriteriaError, type CriteriaSet } from '../core/criteria.js';
import { FORMAT_NAMES } from '../formatters/index.js';
import { builtinCriteria, loadSchemas, packageVersion } from '../io/builtin.js';
import { DEFAULT_MAX_FILE_SIZE } from '../io/read-text.js';
import { EXIT, runCheck } from './check.js';
import { printError, processTerminal, type Terminal } from './terminal.js';

export const DEFAULT_MIN_SCORE = 70;

export async function main(argv: string[], terminal: Terminal = processTerminal()): Promise<number> {
  const version = packageVersion();
  let exitCode: number = EXIT.pass;
  const criteria = lazyCriteria();

  const program = new Command('partner-check')
    .description('Check an NHS partnership project charter against good-practice criteria and print a scored readiness report.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: terminal.stdout, writeErr: terminal.stderr })
    .showHelpAfterError('(run partner-check --help for usage)');

  program
    .command('check', { isDefault: true })
    .description('check charters and print a readiness report (the default command)')
    .argument('<files...>', 'charter files (YAML)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('--min-score <n>', 'the score a charter needs to pass (0-100)', parseScore, DEFAULT_MIN_SCORE)
    .option('--max-file-size <bytes>', 'refuse larger files (e.g. 5mb, 200kb)', parseSize, DEFAULT_MAX_FILE_SIZE)
    .addHelpText(
      'after',
      '\nExit codes: 0 every charter passes, 1 a charter falls short (score below the pass mark,\n' +
        'an unwaived critical gap, or a structure error), 2 a usage or input error.',
    )
    .action(async (files: string[], options: { format: string; minScore: number; maxFileSize: number }) => {
      exitCode = await runCheck(files, options, criteria(), version, terminal);
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.pass : EXIT.inputError;
    }
    if (error instanceof CriteriaError) {
      printError(terminal, error.message);
      return EXIT.inputError;
    }
    printError(terminal, `internal error: ${error instanceof Error ? error.message : String(error)} (set PARTNER_CHECK_DEBUG=1 for details)`);
    if (terminal.env['PARTNER_CHECK_DEBUG']) terminal.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT.inputError;
  }
}

/** Compiling the criteria costs time; only commands that need them pay it. */
function lazyCriteria(): () => CriteriaSet {
  let set: CriteriaSet | undefined;
  return () => (set ??= compileCriteria([builtinCriteria()], loadSchemas()));
}

function parseScore(value: string): number {
  const score = Number(value);
  if (value.trim() === '' || !Number.isFinite(score) || score < 0 || score > 100) throw new InvalidArgumentError('expected a number from 0 to 100.');
  return score;
}

function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 500kb or 20mb.');
  const unit = (match[2] ?? 'b').toLowerCase()[0]!;
  const multiplier = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * multiplier);
}
