// Findings → scores. Overall and per area: Σ(weight × credit) / Σ(weight) × 100 over the
// criteria that apply; waived and not-applicable criteria leave the denominator.
import { WEIGHT_POINTS, type Criterion } from './criteria.js';
import type { AreaScore, Band, CriterionResult } from './report.js';

export const BANDS: { band: Band; label: string; from: number }[] = [
  { band: 'ready', label: 'Ready', from: 85 },
  { band: 'nearly-ready', label: 'Nearly ready', from: 70 },
  { band: 'not-ready', label: 'Not ready', from: 0 },
];

/** The criteria a charter's results are of, by id: a result names its criterion, whose weight and area these are. */
export type CriteriaById = ReadonlyMap<string, Pick<Criterion, 'weight' | 'area'>>;

/** Rounded to one decimal, so that what is printed is what is compared. */
export function weightedScore(results: CriterionResult[], criteria: CriteriaById): number | null {
  let earned = 0;
  let possible = 0;
  for (const result of results) {
    if (result.credit === null) continue;
    const points = WEIGHT_POINTS[criteria.get(result.id)!.weight];
    earned += points * result.credit;
    possible += points;
  }
  return possible === 0 ? null : Math.round((earned / possible) * 1000) / 10;
}

export function scoreAreas(results: CriterionResult[], areas: string[], criteria: CriteriaById): AreaScore[] {
  return areas.map((area) => {
    const inArea = results.filter((result) => criteria.get(result.id)!.area === area);
    return {
      area,
      score: weightedScore(inArea, criteria),
      criteria: inArea.length,
      passed: inArea.filter((result) => result.status === 'pass').length,
      gaps: inArea.filter((result) => result.status === 'partial' || result.status === 'fail').length,
    };
  });
}

/**
 * The band follows the verdict as well as the score: a failed gate means Not ready whatever the
 * score, and a critical gap or structure error holds the band at Nearly ready at best.
 */
export function bandFor(score: number, verdict: { gateFailed: boolean; blocked: boolean } = { gateFailed: false, blocked: false }): Band {
  if (verdict.gateFailed) return 'not-ready';
  const band = BANDS.find((entry) => score >= entry.from)!.band;
  return verdict.blocked && band === 'ready' ? 'nearly-ready' : band;
}

export function bandLabel(band: Band): string {
  return BANDS.find((entry) => entry.band === band)!.label;
}
