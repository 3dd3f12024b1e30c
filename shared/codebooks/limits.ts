/**
 * Limits for custom codebooks, next to their reasons. `parseCodebook` enforces them, so a
 * crafted client cannot store a codebook the board cannot draw or the classifier cannot
 * afford to index.
 */
export const CODEBOOK_LIMITS = {
  /** A legend on a projector stays readable up to about a dozen entries; the palette has 12 colours. */
  codes: 12,
  /** Labels sit in chips on the board and in phone pickers. */
  label: 60,
  /** One line of explanation. */
  description: 200,
  /** Per code, both languages together: enough for a rich lexicon, bounded for indexing cost. */
  keywordsPerCode: 200,
  /** A keyword is a word or a short phrase. */
  keyword: 60,
  /** Ids are stored in every coded ripple and in exports. */
  id: 40,
} as const;
