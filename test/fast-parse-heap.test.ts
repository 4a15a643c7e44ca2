// The fast parse path's memory: a charter's tree must die young. A file of its own, run in a
// process of its own (vitest.config.ts): in a shared worker, V8 may have learnt from an earlier
// file's long-lived objects to allocate the same sites' objects old at once (17-19 MB a round, seen).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { parseYamlFast } from '../src/core/fast-parse.js';
import { ROOT } from './helpers.js';

describe('the fast parse path', () => {
  it("lets a charter's tree go young: parsing and locating hundreds of charters leaves the old generation as it was", () => {
    // A run of 20,000 charters stays within its memory only if each charter's tree dies in V8's
    // young generation; held by anything long-lived (a module's WeakMap did it) every tree was
    // promoted, some 35 KB a parse. A full GC during a round only makes the growth smaller.
    const text = readFileSync(join(ROOT, 'examples/diabetes-acs-pathway.yaml'), 'utf8');
    const oldSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;
    const parseMany = (count: number) => {
      for (let parse = 0; parse < count; parse += 1) {
        const parsed = parseYamlFast(text)!;
        parsed.locate('/governance/board/chair');
        parsed.locate('/outcomes/0/target');
      }
    };
    parseMany(100); // compiled and warm before anything is measured
    // The quietest of three rounds: what an earlier test file left young in this worker may be
    // promoted during one of them (2 MB, seen on a loaded machine), while promoted trees grow every round.
    const growth: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const before = oldSpace();
      parseMany(500);
      growth.push(oldSpace() - before);
    }
    expect(Math.min(...growth), `old-generation growth of each round: ${growth.join(', ')} bytes`).toBeLessThan(1024 * 1024);
  });
});
