import { describe, expect, it } from 'vitest';
import {
  BUILTIN_CODEBOOKS,
  CODE_PALETTE,
  CODE_PATTERNS,
  CODEBOOK_LIMITS,
  DEFAULT_CODEBOOK_ID,
  defaultLook,
  getBuiltinCodebook,
} from '../../shared/codebooks';

/**
 * Ids are stored in every coded ripple and in researchers' exports: renaming one
 * silently breaks old sessions. Changing this table must be a deliberate act.
 */
const STABLE_IDS: Record<string, string[]> = {
  'working-elements': ['needs', 'vision', 'ownership', 'connection', 'flexibility'],
  borging: ['key_people', 'infrastructure', 'knowledge_training', 'policy', 'legal', 'financial'],
  'equal-collaboration': [
    'participation_form',
    'diversity',
    'knowledge_competences',
    'facilitating',
    'cooperating',
    'delegating',
    'participating',
  ],
  'community-capitals': ['natural', 'cultural', 'human', 'social', 'political', 'financial', 'built'],
};

describe('built-in codebooks', () => {
  it('the default is the working elements, with exactly the report ids in order', () => {
    expect(DEFAULT_CODEBOOK_ID).toBe('working-elements');
    expect(BUILTIN_CODEBOOKS[0]?.id).toBe(DEFAULT_CODEBOOK_ID);
    expect(getBuiltinCodebook(DEFAULT_CODEBOOK_ID)?.codes.map((code) => code.id)).toEqual([
      'needs',
      'vision',
      'ownership',
      'connection',
      'flexibility',
    ]);
  });

  it('keep their codebook and code ids stable', () => {
    expect(Object.fromEntries(BUILTIN_CODEBOOKS.map((b) => [b.id, b.codes.map((c) => c.id)]))).toEqual(
      STABLE_IDS,
    );
  });

  it('label and describe every codebook and code in Dutch and English', () => {
    for (const codebook of BUILTIN_CODEBOOKS) {
      for (const item of [codebook, ...codebook.codes]) {
        for (const field of [item.label, item.description]) {
          expect(field.nl.trim()).not.toBe('');
          expect(field.en.trim()).not.toBe('');
        }
        expect(item.label.nl.length).toBeLessThanOrEqual(CODEBOOK_LIMITS.label);
        expect(item.label.en.length).toBeLessThanOrEqual(CODEBOOK_LIMITS.label);
      }
    }
  });

  it('give every code a distinct colour and pattern within its codebook', () => {
    for (const codebook of BUILTIN_CODEBOOKS) {
      const colours = codebook.codes.map((code) => code.color.toLowerCase());
      expect(new Set(colours).size).toBe(colours.length);
      for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
      const patterns = codebook.codes.map((code) => code.pattern);
      expect(new Set(patterns).size).toBe(patterns.length);
      for (const pattern of patterns) expect(CODE_PATTERNS).toContain(pattern);
    }
  });

  it('give every code a lexicon in both languages', () => {
    for (const codebook of BUILTIN_CODEBOOKS) {
      for (const code of codebook.codes) {
        expect(code.keywords.nl.length, `${codebook.id}/${code.id} nl`).toBeGreaterThan(0);
        expect(code.keywords.en.length, `${codebook.id}/${code.id} en`).toBeGreaterThan(0);
      }
    }
  });

  it('returns undefined for an id that is not built in', () => {
    expect(getBuiltinCodebook('my-own')).toBeUndefined();
  });

  it('offers a distinct default look for each of the twelve codes a custom codebook may hold', () => {
    const looks = Array.from({ length: CODEBOOK_LIMITS.codes }, (_, i) => defaultLook(i));
    expect(new Set(looks.map((look) => look.color)).size).toBe(CODE_PALETTE.length);
    expect(new Set(looks.map((look) => look.pattern)).size).toBe(CODEBOOK_LIMITS.codes);
  });
});
