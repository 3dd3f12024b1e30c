import type { Codebook } from '../codebooks';
import type { ExportedRipple } from '../export/sessionExport';
import type { Intended, SessionMeta, Valence } from '../model/ripple';
import { rankByVotes } from './rankByVotes';

/** Orders shown apart; everything from the third on is counted together, as the rings picture does. */
export const ORDER_BUCKETS = [1, 2, 3] as const;

export interface SessionAnalysis {
  /** Ripples on the map, the population every count below is about. */
  total: number;
  /** code id (or '' for not coded) → order bucket (1, 2, 3 = third or later) → count. */
  codeByOrder: Array<{ code: string; counts: Record<(typeof ORDER_BUCKETS)[number], number>; total: number }>;
  intended: Record<Intended, number>;
  valence: Record<Valence, number>;
  /** Where the ripples came from: told in an interview in pairs, or added directly. */
  source: { interview: number; direct: number };
  /** Per phase (session order) and per month (chronological), plus those with no date. */
  overTime: {
    phases: Array<{ id: string; label: string; count: number }>;
    months: Array<{ month: string; count: number }>;
    undated: number;
  };
  /** The ripples with the most dots, most first (ties by text). */
  mostVoted: Array<{ id: string; text: string; votes: number }>;
}

/**
 * The counts a researcher reports, from the ripples on the map. Confirmed codes count;
 * a ripple without one counts as not coded (suggestions are not conclusions).
 *
 * @example
 * analyzeSession(data.ripples, data.session, data.codebook).codeByOrder[0]; // { code: 'needs', counts: {1: 4, 2: 1, 3: 0}, total: 5 }
 */
export function analyzeSession(
  ripples: readonly ExportedRipple[],
  meta: Pick<SessionMeta, 'phases'>,
  codebook: Codebook,
  topVoted = 10,
): SessionAnalysis {
  const onMap = ripples.filter((r) => r.status === 'accepted');
  const codes = [...codebook.codes.map((c) => c.id), ''];
  const codeByOrder = codes.map((code) => {
    const counts = { 1: 0, 2: 0, 3: 0 };
    for (const r of onMap) if ((r.code ?? '') === code) counts[Math.min(r.order, 3) as 1 | 2 | 3]++;
    return { code, counts, total: counts[1] + counts[2] + counts[3] };
  });
  const intended: Record<Intended, number> = { intended: 0, unintended: 0, unknown: 0 };
  const valence: Record<Valence, number> = { positive: 0, negative: 0, mixed: 0, unknown: 0 };
  const months = new Map<string, number>();
  const phases = new Map<string, number>();
  let undated = 0;
  for (const r of onMap) {
    intended[r.intended]++;
    valence[r.valence]++;
    if (!r.when) undated++;
    else if (r.when.kind === 'phase') phases.set(r.when.value, (phases.get(r.when.value) ?? 0) + 1);
    else {
      const month = r.when.value.slice(0, 7);
      months.set(month, (months.get(month) ?? 0) + 1);
    }
  }
  const fromInterviews = onMap.filter((r) => r.interview).length;
  return {
    total: onMap.length,
    codeByOrder,
    intended,
    valence,
    source: { interview: fromInterviews, direct: onMap.length - fromInterviews },
    overTime: {
      phases: meta.phases.map((p) => ({ id: p.id, label: p.label, count: phases.get(p.id) ?? 0 })),
      months: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count })),
      undated,
    },
    mostVoted: rankByVotes(onMap)
      .slice(0, topVoted)
      .map((r) => ({ id: r.id, text: r.text, votes: r.votes })),
  };
}
