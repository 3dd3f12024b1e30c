import { addRipple, editRipple, linkRipples, updateMeta } from '../../shared/doc/commands';
import type { Intended, LayoutName, RippleWhen, Valence } from '../../shared/model/ripple';
import type { TestClient } from '../helpers/yClient';
import { FACILITATOR } from './boardSeed';

/**
 * The map the visual checks and the README's screenshots use: 40 ripples with long texts
 * (up to the length a participant really types), three codes (one with the longest name),
 * authors, marks, 50 acyclic links (some to a card placed left of its cause), dates over
 * two years and a few undated ripples. Deterministic.
 */
export const VISUAL_RIPPLES = 40;
export const VISUAL_LINKS = 50;
const CODES = ['needs', 'ownership', 'connection'] as const;
const AUTHORS = ['Anouk', 'Mohammed', null, 'Els de Vries-Bakker', null];
const SENTENCES = [
  'De dorpsondersteuner heeft nu structurele financiering van de gemeente, zodat bewoners weten bij wie ze terechtkunnen.',
  'Bewoners organiseren zelf elke dinsdag een inloopochtend in het buurthuis, met koffie en een vrijwilliger van de bibliotheek.',
  'Twee huisartsen verwijzen eenzame ouderen nu door naar de wandelgroep in plaats van alleen een recept mee te geven.',
  'De jongerenraad schreef mee aan het beleidsplan; hun idee voor een avondloket is overgenomen.',
  'Mantelzorgers vonden elkaar bij de ideeënmarkt en houden nu een eigen appgroep bij, ook na het project.',
  'De woningcorporatie past haar brieven aan in eenvoudige taal, nadat bewoners lieten zien wat ze niet begrepen.',
  'Er kwamen minder mensen dan gehoopt naar de tweede bijeenkomst, omdat de datum samenviel met de markt.',
  'Een groep ervaringsdeskundigen geeft nu training aan nieuwe medewerkers van het wijkteam.',
];

export interface VisualPlan {
  ripples: {
    id: string;
    text: string;
    code: string | null;
    authorName: string | null;
    intended: Intended;
    valence: Valence;
    when: RippleWhen | null;
    position: { x: number; y: number };
  }[];
  links: [string, string][];
}

export function visualPlan(): VisualPlan {
  const ripples = Array.from({ length: VISUAL_RIPPLES }, (_, i) => {
    const first = SENTENCES[i % SENTENCES.length] as string;
    const second = i % 3 === 0 ? ` ${SENTENCES[(i + 3) % SENTENCES.length]}` : '';
    const month = (i * 5) % 24;
    const year = 2024 + Math.floor(month / 12);
    return {
      id: `v${String(i).padStart(2, '0')}`,
      text: `${first}${second}`,
      code: i % 7 === 6 ? null : (CODES[i % 3] as string),
      authorName: AUTHORS[i % AUTHORS.length] ?? null,
      intended: (['intended', 'unintended', 'unknown'] as Intended[])[i % 3] as Intended,
      valence: (['positive', 'negative', 'mixed', 'unknown'] as Valence[])[i % 4] as Valence,
      when:
        i % 9 === 4
          ? null
          : ({ kind: 'month', value: `${year}-${String((month % 12) + 1).padStart(2, '0')}` } as RippleWhen),
      // A grid, rows shuffled, so some effects sit left of (or above) their causes.
      position: { x: ((i * 3) % 8) * 340, y: Math.floor(i / 8) * 660 },
    };
  });
  const links: [string, string][] = [];
  const seen = new Set<string>();
  let state = 4_242;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  while (links.length < VISUAL_LINKS) {
    const a = Math.floor(next() * (VISUAL_RIPPLES - 1));
    const b = a + 1 + Math.floor(next() * Math.min(8, VISUAL_RIPPLES - 1 - a));
    if (seen.has(`${a}-${b}`)) continue;
    seen.add(`${a}-${b}`);
    links.push([ripples[a]?.id as string, ripples[b]?.id as string]);
  }
  return { ripples, links };
}

/** Seeds the plan into a session in one transaction, in the given layout. */
export function seedVisual(client: TestClient, layout: LayoutName, plan = visualPlan()): void {
  client.doc.transact(() => {
    updateMeta(client.doc, FACILITATOR, {
      layout,
      spanStart: '2024-01',
      spanEnd: '2025-12',
      programme: 'Samen Gezond Dorp: bewoners en zorg in de Achterhoek',
    });
    for (const { id, code, authorName, ...input } of plan.ripples) {
      const added = addRipple(
        client.doc,
        FACILITATOR,
        { ...input, ...(authorName ? { authorName, showAuthor: true } : {}) },
        { id },
      );
      if (!added.ok) throw new Error(`seeding ${id}: ${JSON.stringify(added.error)}`);
      if (code && !editRipple(client.doc, FACILITATOR, id, { code }).ok) throw new Error(`coding ${id}`);
    }
    for (const [from, to] of plan.links)
      if (!linkRipples(client.doc, FACILITATOR, from, to).ok) throw new Error(`linking ${from}->${to}`);
  });
}
