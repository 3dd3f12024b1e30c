/**
 * Figures for a classifier run on labelled statements (issue 23): top-1, top-2, off-topic
 * left unclassified, precision of shown suggestions and coverage, per language and per
 * code, the confusion matrix, and the precision/coverage curve over thresholds.
 */
import type { Classification } from '../../shared/classifier';

export interface Outcome {
  lang: 'nl' | 'en';
  /** The code a coder gives, null when none fits. */
  label: string | null;
  /** Classified with a threshold of 0: `code` is the best code whenever it beats "no code". */
  result: Classification;
}

export interface Figures {
  n: number;
  top1: number;
  top2: number;
  offTopicUnclassified: number;
  /** Of the suggestions shown, the share that is right. */
  precision: number;
  /** Of the on-topic statements, the share that gets a suggestion. */
  coverage: number;
}

/** The suggestion at threshold `threshold`, from a result classified at threshold 0. */
export function suggestionAt(result: Classification, threshold: number): string | null {
  const best = result.ranked[0];
  return result.code !== null && best !== undefined && best.score >= threshold ? result.code : null;
}

export function figures(outcomes: readonly Outcome[], threshold: number): Figures {
  let top1 = 0;
  let top2 = 0;
  let offTopic = 0;
  let offTopicNull = 0;
  let shown = 0;
  let shownRight = 0;
  let onTopic = 0;
  let onTopicShown = 0;
  for (const { label, result } of outcomes) {
    const suggestion = suggestionAt(result, threshold);
    const right = suggestion === label;
    if (right) top1++;
    if (label === null) {
      offTopic++;
      if (suggestion === null) offTopicNull++;
      if (right) top2++;
    } else {
      onTopic++;
      if (suggestion !== null) onTopicShown++;
      const firstTwo = result.ranked.slice(0, 2).map((r) => r.code);
      if (suggestion !== null && firstTwo.includes(label)) top2++;
    }
    if (suggestion !== null) {
      shown++;
      if (right) shownRight++;
    }
  }
  const n = outcomes.length;
  return {
    n,
    top1: top1 / n,
    top2: top2 / n,
    offTopicUnclassified: offTopic === 0 ? 1 : offTopicNull / offTopic,
    precision: shown === 0 ? 1 : shownRight / shown,
    coverage: onTopic === 0 ? 0 : onTopicShown / onTopic,
  };
}

/** Thresholds tried when calibrating: 0, 0.025, …, 0.975. */
export const THRESHOLDS = Array.from({ length: 40 }, (_, i) => i / 40);

/** The lowest threshold whose shown suggestions reach `precision`; the highest when none does. */
export function calibrate(outcomes: readonly Outcome[], precision: number): number {
  return THRESHOLDS.find((t) => figures(outcomes, t).precision >= precision) ?? THRESHOLDS.at(-1) ?? 0.975;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

export function formatFigures(name: string, f: Figures): string {
  return `${name.padEnd(30)} n=${String(f.n).padStart(4)}  top-1 ${pct(f.top1)}  top-2 ${pct(f.top2)}  off-topic unclassified ${pct(f.offTopicUnclassified)}  shown precision ${pct(f.precision)}  coverage ${pct(f.coverage)}`;
}

/** Per code: precision and recall of the suggestion at the threshold. */
export function formatPerCode(
  outcomes: readonly Outcome[],
  codes: readonly string[],
  threshold: number,
): string {
  const lines = ['code                    precision  recall  suggested  labelled'];
  for (const code of codes) {
    let suggested = 0;
    let suggestedRight = 0;
    let labelled = 0;
    let labelledRight = 0;
    for (const { label, result } of outcomes) {
      const suggestion = suggestionAt(result, threshold);
      if (suggestion === code) {
        suggested++;
        if (label === code) suggestedRight++;
      }
      if (label === code) {
        labelled++;
        if (suggestion === code) labelledRight++;
      }
    }
    const ratio = (a: number, b: number) => (b === 0 ? '     –' : pct(a / b));
    lines.push(
      `${code.padEnd(22)} ${ratio(suggestedRight, suggested).padStart(10)} ${ratio(labelledRight, labelled).padStart(7)} ${String(suggested).padStart(10)} ${String(labelled).padStart(9)}`,
    );
  }
  return lines.join('\n');
}

/** Rows: label; columns: suggestion ('none' = no suggestion). */
export function formatConfusion(
  outcomes: readonly Outcome[],
  codes: readonly string[],
  threshold: number,
): string {
  const labels = [...codes, 'none'];
  const counts = new Map<string, number>();
  for (const { label, result } of outcomes) {
    const key = `${label ?? 'none'}→${suggestionAt(result, threshold) ?? 'none'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const short = (label: string) => label.slice(0, 7).padStart(8);
  const lines = [`${'label \\ suggestion'.padEnd(22)}${labels.map(short).join('')}`];
  for (const row of labels) {
    lines.push(
      `${row.padEnd(22)}${labels.map((col) => String(counts.get(`${row}→${col}`) ?? 0).padStart(8)).join('')}`,
    );
  }
  return lines.join('\n');
}

/** Precision and coverage at each threshold. */
export function formatCurve(outcomes: readonly Outcome[]): string {
  const lines = ['threshold  shown precision  coverage  top-1'];
  for (const t of THRESHOLDS) {
    const f = figures(outcomes, t);
    lines.push(
      `${t.toFixed(3).padStart(9)}  ${pct(f.precision).padStart(15)}  ${pct(f.coverage).padStart(8)}  ${pct(f.top1)}`,
    );
  }
  return lines.join('\n');
}
