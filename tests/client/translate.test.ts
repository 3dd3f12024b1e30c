import { describe, expect, it } from 'vitest';
import { en } from '../../client/i18n/en';
import { nl } from '../../client/i18n/nl';
import { translate } from '../../client/i18n/useT';

describe('translate', () => {
  it('says one participant, two participants, in Dutch and English', () => {
    expect(translate('nl', 'projector.participants', { count: 1 })).toBe('1 deelnemer verbonden');
    expect(translate('nl', 'projector.participants', { count: 2 })).toBe('2 deelnemers verbonden');
    expect(translate('nl', 'projector.participants', { count: 0 })).toBe('0 deelnemers verbonden');
    expect(translate('en', 'projector.participants', { count: 1 })).toBe('1 participant connected');
    expect(translate('en', 'projector.participants', { count: 7 })).toBe('7 participants connected');
  });

  it('chooses by the number the choice names, not by another one in the same text', () => {
    expect(translate('nl', 'phone.vote.left', { left: 1, total: 3 })).toBe('Je hebt nog 1 van de 3 stippen.');
    expect(translate('en', 'phone.vote.left', { left: 2, total: 1 })).toBe('You have 2 of 1 dot left.');
  });

  it('leaves no choice or placeholder unfilled in any message given its numbers', () => {
    for (const [language, dictionary] of [
      ['nl', nl],
      ['en', en],
    ] as const) {
      for (const key of Object.keys(dictionary) as (keyof typeof nl)[]) {
        const names = [...dictionary[key].matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1] as string);
        if (names.length === 0) continue;
        const params = Object.fromEntries(names.map((name) => [name, 1]));
        expect(translate(language, key, params), `${language} ${key}`).not.toMatch(/[{}|]/);
      }
    }
  });
});
