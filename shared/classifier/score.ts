import type { CompiledLexicon } from './lexicon';
import type { Match } from './match';
import type { Token } from './tokenize';

/** One code of the codebook with how strongly the text points to it, and why. */
export interface RankedCode {
  code: string;
  /**
   * How strongly the text points to the code, rounded to 3 decimals. `classifyRipple`
   * gives a probability (0–1); the keyword scoring here gives the sum of the weights of the
   * distinct lexicon entries found (0 when none).
   */
  score: number;
  /** The words or phrases that counted most, exactly as they occur in the text, in text order. */
  evidence: string[];
}

/**
 * Scores every code: each lexicon entry counts once, and each word of the text counts
 * once per code (a phrase takes its words from the single-word entries it contains).
 * Best first; equal scores keep codebook order, so the ranking is deterministic.
 */
export function rankCodes(
  text: string,
  tokens: readonly Token[],
  matches: readonly Match[],
  lexicon: CompiledLexicon,
): RankedCode[] {
  return scoreCodes(matches, lexicon).map(({ code, score, taken }) => {
    const evidence: string[] = [];
    for (const match of [...taken].sort((a, b) => a.first - b.first || a.last - b.last)) {
      const first = tokens[match.first];
      const last = tokens[match.last];
      if (!first || !last) continue;
      const quote = text.slice(first.start, last.end);
      if (!evidence.includes(quote)) evidence.push(quote);
    }
    return { code, score, evidence };
  });
}

/**
 * Every code's score and the matches that make it, best first (equal scores in codebook
 * order): the ranking without its evidence, which the server's suggestions do not store.
 */
export function scoreCodes(
  matches: readonly Match[],
  lexicon: CompiledLexicon,
): Array<{ code: string; score: number; taken: Match[] }> {
  const byCode = lexicon.codeIds.map(() => [] as Match[]);
  for (const match of matches) byCode[match.codeIndex]?.push(match);
  const scored = lexicon.codeIds.map((code, codeIndex) => {
    const taken = takeDistinct(byCode[codeIndex] ?? []);
    const score = taken.reduce((sum, match) => sum + match.weight, 0);
    return { code, codeIndex, score: Math.round(score * 1000) / 1000, taken };
  });
  scored.sort((a, b) => b.score - a.score || a.codeIndex - b.codeIndex);
  return scored;
}

/** Strongest matches first; skip an entry already counted or a word already used. */
function takeDistinct(matches: readonly Match[]): Match[] {
  const sorted = [...matches].sort(
    (a, b) => b.weight - a.weight || a.first - b.first || a.last - b.last || a.entryId - b.entryId,
  );
  const entries = new Set<number>();
  const positions = new Set<number>();
  const taken: Match[] = [];
  for (const match of sorted) {
    if (entries.has(match.entryId)) continue;
    let overlaps = false;
    for (let i = match.first; i <= match.last && !overlaps; i++) overlaps = positions.has(i);
    if (overlaps) continue;
    entries.add(match.entryId);
    for (let i = match.first; i <= match.last; i++) positions.add(i);
    taken.push(match);
  }
  return taken;
}
