import { BORGING } from './borging';
import { COMMUNITY_CAPITALS } from './communityCapitals';
import { EQUAL_COLLABORATION } from './equalCollaboration';
import type { Codebook } from './types';
import { WORKING_ELEMENTS } from './workingElements';

export { CODEBOOK_LIMITS } from './limits';
export { CODE_PALETTE, defaultLook } from './palette';
export {
  type CodebookIssue,
  type CodebookParseResult,
  type CodebookRefusal,
  parseCodebook,
} from './parseCodebook';
export {
  CODE_PATTERNS,
  type Code,
  type Codebook,
  type CodePattern,
  type Lexicon,
  type LocalizedText,
} from './types';
export { BORGING, COMMUNITY_CAPITALS, EQUAL_COLLABORATION, WORKING_ELEMENTS };

/** The codebook a new session starts with: the report's five working elements. */
export const DEFAULT_CODEBOOK_ID = 'working-elements';

/** Every codebook that ships with Kringen, default first. Ids are stable: sessions store them. */
export const BUILTIN_CODEBOOKS: readonly Codebook[] = [
  WORKING_ELEMENTS,
  BORGING,
  EQUAL_COLLABORATION,
  COMMUNITY_CAPITALS,
];

/**
 * The built-in codebook with this id, or `undefined` for a custom or unknown id.
 *
 * @example
 * getBuiltinCodebook('borging')?.codes.map((code) => code.id); // ['key_people', …]
 */
export function getBuiltinCodebook(id: string): Codebook | undefined {
  return BUILTIN_CODEBOOKS.find((codebook) => codebook.id === id);
}
