import type { CodePattern } from './types';

/**
 * Colours for codes. The first seven are Okabe & Ito's colour-blind-safe set (without
 * black, which reads as text, and with yellow last because it vanishes on a washed-out
 * projector); the rest are Paul Tol's "muted" scheme for codebooks with more codes.
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

/** The palette colour and pattern for the code at `index`, for new custom codes. */
export function defaultLook(index: number): { color: string; pattern: CodePattern } {
  const patterns: CodePattern[] = [
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
  ];
  const i = Math.abs(Math.trunc(index)) % CODE_PALETTE.length;
  return { color: CODE_PALETTE[i] as string, pattern: patterns[i] as CodePattern };
}
