export { type Classification, classifyRipple, MIN_SCORE, suggestCode } from './classifyRipple';
export type { RankedCode } from './score';
export type { RippleValence } from './valence';
