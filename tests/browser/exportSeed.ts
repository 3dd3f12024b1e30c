import { expect } from 'vitest';
import { addRipple, editRipple, linkRipples } from '../../shared/doc/commands';
import type { Intended, Valence } from '../../shared/model/ripple';
import type { TestClient } from '../helpers/yClient';
import { FACILITATOR, type SeededSession } from './boardSeed';

/** The session the export tests seed: 200 ripples and 250 links in a wide grid. */
export const RIPPLES = 200;
export const LINKS = 250;
export const COLUMNS = 12;
/** Card cell of the seeded grid (card 280 × 168 plus room for arrows). */
export const CELL = { x: 364, y: 224 };
export const CODES = ['needs', 'vision', 'ownership', 'connection', 'flexibility', null] as const;

/** Texts that try spreadsheets and markup: formulas, a script tag, quotes and semicolons. */
export const SPECIAL: Record<number, string> = {
  3: '=SOM(A1:A9) telde de vrijwilligers van het buurthuis',
  4: '+31 6 nummer voor de buurtbus staat nu op de website',
  5: '-5 graden, en toch kwam iedereen naar de ijsbaan',
  6: '@gemeente reageerde binnen één week op de vragen',
  7: "<script>alert('kaart')</script> stond in de nieuwsbrief van café Zeeën",
  8: 'Ze zeiden "eindelijk"; de wijk leeft weer, met een ideeënbus bij de ingang',
};
const SUBJECTS = ['De buurtcoöperatie', 'Het café', 'De bibliotheek', 'De ijsclub', 'De wijkraad'];
const VERBS = ['organiseert', 'financiert', 'ondersteunt', 'begeleidt', 'opent'];
const OBJECTS = ['een ideeënavond', 'het één-loket', 'de ijsbaan', 'een naïeve proef', 'de privé-tuinen'];

/** Ripple ids are `r000`…`r199`; the number is the ripple's place in the plan. */
export const rippleIndex = (id: string): number => Number(id.slice(1));

/** The seeded session, deterministic: Dutch texts with ë/é/ij, codes, formula-like texts, acyclic links. */
export function seedPlan() {
  const ripples = Array.from({ length: RIPPLES }, (_, i) => ({
    id: `r${String(i).padStart(3, '0')}`,
    text:
      SPECIAL[i] ??
      `${SUBJECTS[i % 5]} ${VERBS[Math.floor(i / 5) % 5]} ${OBJECTS[Math.floor(i / 25) % 5]} (nr. ${i}, geëvalueerd)`,
    code: CODES[i % CODES.length] ?? null,
    intended: (['intended', 'unintended', 'unknown'] as Intended[])[i % 3] as Intended,
    valence: (['positive', 'negative', 'mixed', 'unknown'] as Valence[])[i % 4] as Valence,
    position: { x: (i % COLUMNS) * CELL.x, y: Math.floor(i / COLUMNS) * CELL.y },
  }));
  // Acyclic: only from a lower to a higher index; a fixed pseudo-random sequence.
  const links: [string, string][] = [];
  const seen = new Set<string>();
  let state = 20_260_312;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  while (links.length < LINKS) {
    const a = Math.floor(next() * (RIPPLES - 1));
    const b = a + 1 + Math.floor(next() * Math.min(30, RIPPLES - 1 - a));
    const key = `${a}->${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push([ripples[a]?.id ?? '', ripples[b]?.id ?? '']);
  }
  return { ripples, links };
}

export type SeedPlan = ReturnType<typeof seedPlan>;

/**
 * Adds ripples `[start, end)` and every planned link whose effect is among them, in one
 * transaction, so the server receives (and checks) one update.
 */
export function seedPhase(client: TestClient, plan: SeedPlan, start = 0, end = RIPPLES): void {
  client.doc.transact(() => {
    for (const { id, code, ...input } of plan.ripples.slice(start, end)) {
      const added = addRipple(client.doc, FACILITATOR, input, { id });
      if (!added.ok) throw new Error(`seeding ${id}: ${JSON.stringify(added.error)}`);
      if (code && !editRipple(client.doc, FACILITATOR, id, { code }).ok) throw new Error(`coding ${id}`);
    }
    for (const [from, to] of plan.links) {
      if (rippleIndex(to) < start || rippleIndex(to) >= end) continue;
      if (!linkRipples(client.doc, FACILITATOR, from, to).ok) throw new Error(`linking ${from}->${to}`);
    }
  });
}

export interface Exported {
  ripples: Array<{
    id: string;
    text: string;
    code: string | null;
    order: number;
    status: string;
    valence: string;
  }>;
  links: Array<{ from: string; to: string }>;
  [key: string]: unknown;
}

export async function serverExport(baseUrl: string, id: string, key: string): Promise<Exported> {
  const response = await fetch(`${baseUrl}/api/sessions/${id}/export.json`, {
    headers: { 'x-kringen-key': key },
  });
  if (!response.ok) throw new Error(`export.json: ${response.status}`);
  return (await response.json()) as Exported;
}

/** Waits until the server's export holds `ripples` ripples and `links` links, and returns it. */
export async function waitForServer(baseUrl: string, s: SeededSession, ripples: number, links: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const data = await serverExport(baseUrl, s.id, s.facilitatorKey);
    if (data.ripples.length === ripples && data.links.length === links) return data;
    if (Date.now() > deadline)
      throw new Error(`server has ${data.ripples.length} ripples, ${data.links.length} links`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Width and height from a PNG's IHDR chunk (bytes 16–24). */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
