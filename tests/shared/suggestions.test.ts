import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { suggestCode } from '../../shared/classifier';
import { WORKING_ELEMENTS } from '../../shared/codebooks';
import { addRipple, editRipple } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { confirmedExamples, updateSuggestions } from '../../shared/doc/suggestions';

import { boss, session as newSession } from '../helpers/people';

const session = () => newSession({ programme: 'Samen Sterk', moderation: false });

function add(doc: Y.Doc, text: string): string {
  const result = addRipple(doc, boss, { text });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.id;
}

describe('server suggestions with the session’s confirmed codes', () => {
  it('takes every ripple with a confirmed code as an example', () => {
    const doc = session();
    const a = add(doc, 'De bewoners runnen de koffieochtend zelf');
    add(doc, 'Nog niet gecodeerd');
    editRipple(doc, boss, a, { code: 'ownership' });
    const examples = confirmedExamples(doc);
    expect(examples).toEqual([{ text: 'De bewoners runnen de koffieochtend zelf', code: 'ownership' }]);
    editRipple(doc, boss, a, { code: 'connection' });
    expect(confirmedExamples(doc)).toEqual([
      { text: 'De bewoners runnen de koffieochtend zelf', code: 'connection' },
    ]);
  });

  it('suggests a new ripple’s code with the confirmed ripples as examples', () => {
    const doc = session();
    const confirmed = [
      ['De bewoners runnen de koffieochtend zelf', 'ownership'],
      ['Op de markt raakten de huisarts en de buren aan de praat', 'connection'],
      ['We vroegen aan de deur wat mensen missen', 'needs'],
    ] as const;
    for (const [text, code] of confirmed) editRipple(doc, boss, add(doc, text), { code });
    const id = add(doc, 'De buurvrouwen draaien de soepmiddag nu zelf');
    updateSuggestions(doc, [id]);
    const expected = suggestCode(
      'De buurvrouwen draaien de soepmiddag nu zelf',
      WORKING_ELEMENTS,
      confirmedExamples(doc),
    );
    expect(readRipple(doc, id)?.suggestedCode).toBe(expected);
  });
});
