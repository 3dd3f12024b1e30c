/**
 * The shape of a codebook: the list of codes a session's ripples are classified with.
 * A codebook is plain JSON so a custom one can live in the session document and travel
 * with every export; `parseCodebook` is the one gate untrusted codebooks pass through.
 */

/** A text in both product languages, Dutch first (docs/glossary.md: Dutch first, English second). */
export interface LocalizedText {
  nl: string;
  en: string;
}

/**
 * Fill patterns drawn over a code's colour, so the map still reads on a black-and-white
 * print or a washed-out projector where colour alone fails.
 */
export const CODE_PATTERNS = [
  'solid',
  'dots',
  'stripes',
  'grid',
  'waves',
  'cross',
  'rings',
  'diagonal',
  'checks',
  'zigzag',
  'triangles',
  'bricks',
] as const;
export type CodePattern = (typeof CODE_PATTERNS)[number];

/** Keywords and phrases per language; the classifier's only source of knowledge about a code. */
export interface Lexicon {
  nl: string[];
  en: string[];
}

export interface Code {
  /** Stable across versions: stored in ripples and exports, never renamed. */
  id: string;
  label: LocalizedText;
  /** One line: what a ripple with this code describes. */
  description: LocalizedText;
  /** `#rrggbb`, from a colour-blind-safe palette. */
  color: string;
  pattern: CodePattern;
  keywords: Lexicon;
}

export interface Codebook {
  /** Stable id, e.g. `working-elements`; a session stores it in its meta. */
  id: string;
  label: LocalizedText;
  description: LocalizedText;
  /** In display order; the classifier breaks score ties by this order. */
  codes: Code[];
}
