import { CODE_PATTERNS, type CodePattern } from './types';

/**
 * Colours for codes. The first seven are Okabe & Ito's colour-blind-safe set (without
 * black, which reads as text, and with yellow last because it vanishes on a washed-out
 * projector); the rest come from Paul Tol's "muted" scheme for codebooks with more codes.
 * Every code also carries a pattern, so colour is never the only cue.
 */
export const CODE_PALETTE = [
  '#E69F00', // orange
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#F0E442', // yellow
  '#332288', // Tol indigo
  '#882255', // Tol wine
  '#117733', // Tol green
  '#999933', // Tol olive
  '#AA4499', // Tol purple
] as const;

/**
 * A distinct colour and pattern for the code at `index` of a new custom codebook.
 *
 * @example
 * defaultLook(0); // { color: '#E69F00', pattern: 'solid' }
 */
export function defaultLook(index: number): { color: string; pattern: CodePattern } {
  const i = Math.abs(Math.trunc(index)) % CODE_PALETTE.length;
  return {
    color: CODE_PALETTE[i] as string,
    pattern: CODE_PATTERNS[i % CODE_PATTERNS.length] as CodePattern,
  };
}
