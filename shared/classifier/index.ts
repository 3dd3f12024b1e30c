export { type Classification, classifyRipple, MIN_SCORE, suggestCode } from './classifyRipple';
export type { RankedCode } from './score';
export type { CodedExample } from './sessionExamples';
export type { RippleValence } from './valence';
