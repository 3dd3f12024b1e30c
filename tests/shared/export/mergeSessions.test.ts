import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRipple,
  castVote,
  initSession,
  linkRipples,
  setRippleStatus,
  updateMeta,
} from '../../../shared/doc/commands';
import { readRipples } from '../../../shared/doc/read';
import {
  continueSession,
  type DuplicateChoice,
  mergeExports,
  resolveDuplicates,
  textSimilarity,
} from '../../../shared/export/mergeSessions';
import {
  exportSession,
  importSession,
  parseSessionExport,
  type SessionExport,
} from '../../../shared/export/sessionExport';
import { boss } from '../../helpers/people';

const THEMES = [
  'De buurtcoach heeft nu vaste financiering van de gemeente',
  'Bewoners organiseren zelf een wekelijkse kookavond in het buurthuis',
  'De huisarts verwijst vaker naar de welzijnsconsulent',
  'Jongeren helpen ouderen met hun telefoon op woensdagmiddag',
  'De gemeente vroeg bewoners mee te beslissen over het speelveld',
];

/**
 * A session export of `n` ripples (ids r0…), each linked to the one before in chains of
 * four, with a vote; ripple i of every session tells theme i % 5 in its own words, so the
 * sessions share some ripples almost word for word.
 */
function sessionExport(title: string, day: number, n: number, variant: string): SessionExport {
  const doc = new Y.Doc();
  initSession(doc, { title }, Date.UTC(2026, 2, day));
  updateMeta(doc, boss, {
    votingOpen: true,
    phases: [{ id: `ph-${day}`, label: title, start: null, end: null }],
  });
  for (let i = 0; i < n; i++) {
    const text =
      i < 5 ? `${THEMES[i]}${variant}` : `${title}: rimpeling nummer ${i} over iets eigens ${i * 7919}`;
    addRipple(
      doc,
      { role: 'participant', id: `p-${day}-${i % 9}` },
      { text, authorName: `Naam ${day}-${i % 9}` },
      { id: `r${i}`, now: i },
    );
    setRippleStatus(doc, boss, `r${i}`, 'accepted');
    if (i % 4 !== 0) linkRipples(doc, boss, `r${i - 1}`, `r${i}`);
  }
  castVote(doc, { role: 'participant', id: `p-${day}-1` }, 'r1');
  return exportSession(doc, new Date(Date.UTC(2026, 2, day, 20)));
}

describe('textSimilarity', () => {
  it('sees the same ripple in other words of the same kind, and not an unrelated one', () => {
    expect(
      textSimilarity('De buurtcoach heeft vaste financiering', 'de buurtcoach heeft nu vaste financiering!'),
    ).toBeGreaterThan(0.6);
    expect(textSimilarity('De buurtcoach heeft vaste financiering', 'Jongeren helpen ouderen')).toBeLessThan(
      0.2,
    );
  });
});

describe('continuing a session', () => {
  it('keeps the map, marks every ripple with the session it came from, and starts the evening fresh', () => {
    const march = sessionExport('Maart', 3, 12, '');
    const next = continueSession(march, 'Juni', new Date(Date.UTC(2026, 5, 1)));
    expect(next.ripples.map((r) => r.id)).toEqual(march.ripples.map((r) => r.id));
    expect(next.links).toEqual(march.links);
    expect(new Set(next.ripples.map((r) => JSON.stringify(r.origin)))).toEqual(
      new Set([JSON.stringify({ title: 'Maart', date: '2026-03-03' })]),
    );
    expect(next.session).toMatchObject({ title: 'Juni', votingOpen: false, sessionPhase: 'interviews' });
    expect(next.votes).toEqual([]);
    // Continued again, a ripple keeps the session it was first mapped in.
    const again = continueSession(next, 'September', new Date(Date.UTC(2026, 8, 1)));
    expect(again.ripples[0]?.origin).toEqual({ title: 'Maart', date: '2026-03-03' });
    expect(parseSessionExport(JSON.parse(JSON.stringify(again))).ok).toBe(true);
  });
});

describe('merging sessions', () => {
  const files = [
    sessionExport('Noord', 3, 200, ''),
    sessionExport('Zuid', 10, 200, ' echt'),
    sessionExport('Oost', 17, 200, ', zeiden ze'),
  ];

  it('merges 3 exports of 200 ripples in under 3 s of CPU, proposing the ripples they share', () => {
    const started = process.cpuUsage();
    const plan = mergeExports(files, 'Drie wijken', new Date());
    const result = resolveDuplicates(
      plan,
      Object.fromEntries(plan.duplicates.map((d) => [d.other, 'merge' as DuplicateChoice])),
    );
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
    expect(plan.merged.ripples).toHaveLength(600);
    // The five shared themes: each told in all three files, so two pairs each at most.
    expect(plan.duplicates.length).toBeGreaterThanOrEqual(5);
    for (const { keep, other } of plan.duplicates) {
      const text = (id: string) => plan.merged.ripples.find((r) => r.id === id)?.text ?? '';
      expect(textSimilarity(text(keep), text(other))).toBeGreaterThanOrEqual(0.5);
    }
    expect(result.ripples).toHaveLength(600 - plan.duplicates.length);
    expect(parseSessionExport(JSON.parse(JSON.stringify(result))).ok).toBe(true);
  });

  it('makes ids unique, keeps every link and vote with its ripples, and every ripple knows its session', () => {
    const plan = mergeExports(files, 'Drie wijken', new Date());
    const ids = plan.merged.ripples.map((r) => r.id);
    expect(new Set(ids).size).toBe(600);
    expect(plan.merged.links).toHaveLength(files.reduce((n, f) => n + f.links.length, 0));
    for (const link of plan.merged.links) expect(ids).toContain(link.from);
    expect(plan.merged.votes).toHaveLength(3);
    expect(new Set(plan.merged.votes.map((v) => v.voterId)).size).toBe(3);
    const origins = new Map<string, number>();
    for (const ripple of plan.merged.ripples) {
      const key = `${ripple.origin?.title} ${ripple.origin?.date}`;
      origins.set(key, (origins.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(origins)).toEqual({
      'Noord 2026-03-03': 200,
      'Zuid 2026-03-10': 200,
      'Oost 2026-03-17': 200,
    });
    expect(plan.merged.session.phases.map((p) => p.id)).toEqual(['ph-3', 'ph-10', 'ph-17']);
    // The file imports: a map of 600 ripples.
    const doc = new Y.Doc();
    importSession(doc, plan.merged);
    expect(readRipples(doc)).toHaveLength(600);
  });

  it('never loses a ripple the facilitator did not drop, whatever they choose', () => {
    const plan = mergeExports(files, 'Drie wijken', new Date());
    const options: DuplicateChoice[] = ['both', 'merge', 'drop'];
    for (let seed = 0; seed < 20; seed++) {
      const choices = Object.fromEntries(
        plan.duplicates.map((d, i) => [d.other, options[(seed * 7 + i * 3) % 3] as DuplicateChoice]),
      );
      const result = resolveDuplicates(plan, choices);
      const left = new Set(result.ripples.map((r) => r.id));
      for (const ripple of plan.merged.ripples) {
        const choice = choices[ripple.id];
        expect(left.has(ripple.id), `${ripple.id} (${choice ?? 'not proposed'})`).toBe(
          choice !== 'merge' && choice !== 'drop',
        );
      }
      for (const { keep, other } of plan.duplicates) {
        if (choices[other] !== 'merge') continue;
        const kept = result.ripples.find((r) => r.id === keep);
        const gone = plan.merged.ripples.find((r) => r.id === other);
        // The one who told the merged ripple is kept, as a co-author.
        if (gone && gone.authorId !== kept?.authorId)
          expect(kept?.coAuthors?.map((a) => a.id)).toContain(gone.authorId);
      }
      for (const link of result.links) {
        expect(left.has(link.from) && left.has(link.to)).toBe(true);
      }
    }
  });
});
