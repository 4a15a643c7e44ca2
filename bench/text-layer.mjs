// node bench/text-layer.mjs (after npm --prefix bench install): measures the engines that could tell
// whether a cue in a charter's free text is negated ("patients are not told of the funding"), on
// bench/negation-cases.json. One row per engine: load time (fresh child process, import until ready
// to analyse, less a bare node start; median of 5), time per paragraph (median over a few thousand
// analyses of the case texts), accuracy, false positives and false negatives; then the misclassified
// cases. Figures, not assertions.
//
// An engine is a load() that resolves to negatedCue(text, cue) → true | false | null (null: cue not found).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENGINES = {
  // wink-nlp's own negation annotation: each token carries its.negationFlag. The pipe is the least
  // that sets it right (negation scope stops at a sentence end, so sentences are needed); winkNLP()
  // loads every part of the model whatever the pipe.
  'wink-nlp': async () => {
    const { default: winkNLP } = await import('wink-nlp');
    const { default: model } = await import('wink-eng-lite-web-model');
    const nlp = winkNLP(model, ['sbd', 'negation']);
    const its = nlp.its;
    return (text, cue) => {
      const start = text.indexOf(cue);
      if (start < 0) return null;
      const end = start + cue.length;
      const tokens = nlp.readDoc(text).tokens();
      const values = tokens.out(its.value);
      const negated = tokens.out(its.negationFlag);
      const stopWord = tokens.out(its.stopWordFlag);
      const types = tokens.out(its.type);
      // A token's value is its text as written ("can't" → "ca", "n't"), so offsets follow by search.
      let cursor = 0;
      let firstInCue = -1;
      for (let index = 0; index < values.length; index += 1) {
        const at = text.indexOf(values[index], cursor);
        if (at < 0) continue;
        cursor = at + values[index].length;
        if (cursor <= start) continue;
        if (at >= end) break;
        if (firstInCue < 0) firstInCue = index;
        // The cue's first content token: a word that is not a stop word ("kept" in "kept from").
        if (types[index] === 'word' && !stopWord[index]) return negated[index];
      }
      return firstInCue < 0 ? null : negated[firstInCue];
    };
  },
  // partner-check's own text layer, built by npm run build on the branch that writes it.
  'partner-check': async () => {
    const { negatedCue } = await import('../dist/core/text/analyse.js');
    return negatedCue;
  },
};

const LOAD_RUNS = 5;
const ANALYSES = 4000;

// Child mode: import one engine until it is ready to analyse, then exit.
if (process.argv[2] === '--load-only') {
  const name = process.argv[3];
  if (name !== 'none') await ENGINES[name]();
  process.exit(0);
}

const here = fileURLToPath(import.meta.url);
const cases = JSON.parse(readFileSync(new URL('./negation-cases.json', import.meta.url), 'utf8'));
for (const [index, { text, cue, negated }] of cases.entries()) {
  const count = typeof text === 'string' && typeof cue === 'string' && cue !== '' ? text.split(cue).length - 1 : 0;
  if (count !== 1 || typeof negated !== 'boolean') {
    throw new Error(`negation-cases.json case ${index}: the cue must occur exactly once in the text (found ${count}) and negated must be true or false`);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Median wall time (ms) of each node command in a fresh process, run in turn LOAD_RUNS times so that a
 * busy spell of the machine falls on all of them alike; null for one that fails.
 */
function timeNodes(commands) {
  const samples = commands.map(() => []);
  for (let run = 0; run < LOAD_RUNS; run += 1) {
    for (const [index, args] of commands.entries()) {
      const started = performance.now();
      const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
      const elapsed = performance.now() - started;
      samples[index].push(result.status === 0 ? elapsed : NaN);
    }
  }
  return samples.map((runs) => (runs.some(Number.isNaN) ? null : median(runs)));
}

const rows = [];
const misses = [];
for (const [name, load] of Object.entries(ENGINES)) {
  let negatedCue;
  try {
    negatedCue = await load();
  } catch (error) {
    rows.push({ name, status: 'not built', reason: String(error.message).split('\n')[0] });
    continue;
  }
  let correct = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let notFound = 0;
  for (const item of cases) {
    const got = negatedCue(item.text, item.cue);
    if (got === item.negated) correct += 1;
    else {
      if (got === null) notFound += 1;
      else if (got) falsePositives += 1;
      else falseNegatives += 1;
      misses.push({ engine: name, ...item, got });
    }
  }

  // Warm up once over every case, then time each analysis on its own.
  for (const item of cases) negatedCue(item.text, item.cue);
  const timings = [];
  for (let done = 0; done < ANALYSES; done += 1) {
    const item = cases[done % cases.length];
    const started = performance.now();
    negatedCue(item.text, item.cue);
    timings.push(performance.now() - started);
  }

  rows.push({
    name,
    perParagraphUs: median(timings) * 1000,
    correct,
    falsePositives,
    falseNegatives,
    notFound,
  });
}

// Bare node start, this script's start in child mode loading no engine (its ES module loader and
// builtins: part of every load figure, shown so a reader can take it off), then each engine.
const loaded = rows.filter((row) => !row.status);
const [bareNode, harness, ...loads] = timeNodes([
  ['-e', ''],
  [here, '--load-only', 'none'],
  ...loaded.map((row) => [here, '--load-only', row.name]),
]);
for (const [index, row] of loaded.entries()) row.loadMs = loads[index] === null ? null : loads[index] - bareNode;

const table = [['engine', 'load (ms)', 'per paragraph (µs)', 'accuracy', 'false pos.', 'false neg.', 'cue not found']];
for (const row of rows) {
  if (row.status) table.push([row.name, row.status, '', '', '', '', '']);
  else {
    table.push([
      row.name,
      row.loadMs === null ? 'failed' : row.loadMs.toFixed(1),
      row.perParagraphUs.toFixed(1),
      `${row.correct}/${cases.length} (${((100 * row.correct) / cases.length).toFixed(1)}%)`,
      String(row.falsePositives),
      String(row.falseNegatives),
      String(row.notFound),
    ]);
  }
}
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
const format = (line) => `| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
console.log(format(table[0]));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const line of table.slice(1)) console.log(format(line));
console.log('');
console.log(`${cases.length} cases, ${cases.filter((item) => item.negated).length} negated. Load: median of ${LOAD_RUNS} fresh processes less a bare node start (${bareNode.toFixed(1)} ms); this script's own start in a child, loading no engine, is ${harness === null ? 'unknown' : `${(harness - bareNode).toFixed(1)} ms`} of that. Per paragraph: median of ${ANALYSES} analyses.`);

for (const row of rows.filter((line) => line.status)) console.log(`${row.name}: ${row.status}: ${row.reason}`);
for (const row of rows.filter((line) => !line.status)) {
  const mine = misses.filter((miss) => miss.engine === row.name);
  console.log('');
  console.log(`${row.name}: ${mine.length} misclassified`);
  for (const miss of mine) {
    const got = miss.got === null ? 'cue not found' : `got ${miss.got}`;
    console.log(`  [${miss.kind ?? '-'}] expected ${miss.negated}, ${got}; cue "${miss.cue}": ${miss.text}`);
  }
}
