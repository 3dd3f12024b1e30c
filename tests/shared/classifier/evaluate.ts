import { classifyRipple } from '../../../shared/classifier';
import type { Codebook } from '../../../shared/codebooks/types';

/** One labelled ripple of the evaluation corpus. */
export interface CorpusItem {
  text: string;
  lang: 'nl' | 'en';
  /** The code a careful human coder gives, `null` when no code fits. */
  code: string | null;
  /** Other codes such a coder would also accept. */
  alt?: string[];
}

export interface CodeStats {
  code: string;
  precision: number | null;
  recall: number | null;
  suggested: number;
  labelled: number;
}

export interface Evaluation {
  items: number;
  /** Suggestion right: equal to `code` or in `alt`; for an off-topic item, right when `null`. */
  top1: number;
  /**
   * On-topic: the suggestion is not `null` and an accepted code is among the first two
   * ranked. Off-topic: as top-1 (left unclassified).
   */
  top2: number;
  offTopicUnclassified: number;
  perCode: CodeStats[];
  /** rows: labelled code (or 'none'), columns: suggestion (or 'none'). */
  confusion: Record<string, Record<string, number>>;
  errors: Array<{ text: string; expected: string | null; got: string | null }>;
}

const NONE = 'none';

/**
 * Scores the classifier on a labelled corpus.
 * Precision of a code: of the items it was suggested for, the share where a coder accepts
 * it (as `code` or in `alt`). Recall: of the items labelled with it, the share whose
 * suggestion was right.
 */
export function evaluate(corpus: readonly CorpusItem[], codebook: Codebook): Evaluation {
  const codes = codebook.codes.map((code) => code.id);
  const labels = [...codes, NONE];
  const confusion = Object.fromEntries(
    labels.map((row) => [row, Object.fromEntries(labels.map((c) => [c, 0]))]),
  );
  let top1 = 0;
  let top2 = 0;
  let offTopic = 0;
  let offTopicNull = 0;
  const suggested = new Map<string, { total: number; accepted: number }>();
  const labelled = new Map<string, { total: number; right: number }>();
  const errors: Evaluation['errors'] = [];
  for (const item of corpus) {
    const result = classifyRipple(item.text, codebook);
    const accepted = item.code === null ? [] : [item.code, ...(item.alt ?? [])];
    const right =
      item.code === null ? result.code === null : result.code !== null && accepted.includes(result.code);
    const firstTwo = result.ranked.slice(0, 2).map((r) => r.code);
    const rightTop2 =
      item.code === null ? right : result.code !== null && firstTwo.some((code) => accepted.includes(code));
    if (right) top1++;
    else errors.push({ text: item.text, expected: item.code, got: result.code });
    if (rightTop2) top2++;
    if (item.code === null) {
      offTopic++;
      if (result.code === null) offTopicNull++;
    }
    const row = confusion[item.code ?? NONE];
    if (row) row[result.code ?? NONE] = (row[result.code ?? NONE] ?? 0) + 1;
    if (result.code !== null) {
      const s = suggested.get(result.code) ?? { total: 0, accepted: 0 };
      s.total++;
      if (accepted.includes(result.code)) s.accepted++;
      suggested.set(result.code, s);
    }
    if (item.code !== null) {
      const l = labelled.get(item.code) ?? { total: 0, right: 0 };
      l.total++;
      if (right) l.right++;
      labelled.set(item.code, l);
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    items: corpus.length,
    top1: top1 / corpus.length,
    top2: top2 / corpus.length,
    offTopicUnclassified: offTopic === 0 ? 1 : offTopicNull / offTopic,
    perCode: codes.map((code) => ({
      code,
      precision: ratio(suggested.get(code)?.accepted ?? 0, suggested.get(code)?.total ?? 0),
      recall: ratio(labelled.get(code)?.right ?? 0, labelled.get(code)?.total ?? 0),
      suggested: suggested.get(code)?.total ?? 0,
      labelled: labelled.get(code)?.total ?? 0,
    })),
    confusion,
    errors,
  };
}

const pct = (x: number | null) => (x === null ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

/** A plain-text report: headline figures, per-code table and confusion matrix. */
export function formatEvaluation(name: string, evaluation: Evaluation): string {
  const lines = [
    `── ${name} (${evaluation.items} ripples) ──`,
    `top-1 accuracy: ${pct(evaluation.top1)}   top-2 accuracy: ${pct(evaluation.top2)}   off-topic left unclassified: ${pct(evaluation.offTopicUnclassified)}`,
    '',
    'code          precision  recall  suggested  labelled',
    ...evaluation.perCode.map(
      (s) =>
        `${s.code.padEnd(13)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(7)} ${String(s.suggested).padStart(10)} ${String(s.labelled).padStart(9)}`,
    ),
    '',
    'confusion (rows: label, columns: suggestion)',
  ];
  const labels = Object.keys(evaluation.confusion);
  const short = (label: string) => label.slice(0, 7).padStart(8);
  lines.push(`${''.padEnd(12)}${labels.map(short).join('')}`);
  for (const row of labels) {
    lines.push(
      `${row.padEnd(12)}${labels.map((col) => String(evaluation.confusion[row]?.[col] ?? 0).padStart(8)).join('')}`,
    );
  }
  return lines.join('\n');
}
